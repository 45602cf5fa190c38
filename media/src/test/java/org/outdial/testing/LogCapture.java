package org.outdial.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records what is logged while it is open, at every level the logging configuration lets
 * through, from every thread, for a test to assert on (for example "a clean stop logs no
 * ERROR"). Attached to the root logger, so libraries' own loggers (Quartz, Netty) are seen too.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.open()) {
 *     server.close();
 *     assertEquals(List.of(), log.atLeast(Level.ERROR));
 * }
 * }</pre>
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One logged event, with its stack trace's first line when it had one. */
    public record Line(Level level, String logger, String thread, String message, String throwable) {
        @Override
        public String toString() {
            return level + " [" + thread + "] " + logger + " " + message + (throwable == null ? "" : " / " + throwable);
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogCapture() {
    }

    /** Starts recording. */
    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.setContext(capture.root.getLoggerContext());
        capture.setName("test-capture-" + System.identityHashCode(capture));
        capture.start();
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getThreadName(), event.getFormattedMessage(),
                t == null ? null : t.getClassName() + ": " + t.getMessage()));
    }

    /** Everything recorded so far at {@code level} or more severe, in order. */
    public List<Line> atLeast(Level level) {
        return lines.stream().filter(l -> l.level().isGreaterOrEqual(level)).toList();
    }

    /** Everything recorded so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Stops recording. */
    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
