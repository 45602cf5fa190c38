package org.outdial.media.rtp;

import io.netty.channel.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands a session's work from any thread to the event loop that owns its state: run at once when
 * already on that loop, queued otherwise. A loop that has shut down (the engine is closing)
 * refuses work with {@link RejectedExecutionException}.
 */
final class LoopHandoff {

    private final EventLoop loop;

    LoopHandoff(EventLoop loop) {
        this.loop = loop;
    }

    boolean inLoop() {
        return loop.inEventLoop();
    }

    /** @throws RejectedExecutionException when the loop has shut down */
    void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Runs {@code task} on the loop; when the loop has shut down, fails {@code failOnReject} (if any) instead. */
    void run(Runnable task, CompletableFuture<?> failOnReject) {
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            if (failOnReject != null) {
                failOnReject.completeExceptionally(new IllegalStateException("media engine is closed", e));
            }
        }
    }

    /**
     * Runs {@code task} on the loop unless the route is closed by then, in which case {@code done}
     * is cancelled: a command that arrives after close has nothing to act on.
     */
    void runUnlessClosed(Runnable task, RtpRoute route, CompletableFuture<?> done) {
        run(() -> {
            if (route.isClosed()) {
                done.cancel(false);
            } else {
                task.run();
            }
        }, done);
    }

    /**
     * Reads on the loop from another thread, waiting up to a second for it.
     *
     * @throws RejectedExecutionException when the loop has shut down
     */
    <T> T read(Callable<T> reader) throws InterruptedException, ExecutionException, TimeoutException {
        return loop.submit(reader).get(1, TimeUnit.SECONDS);
    }
}
