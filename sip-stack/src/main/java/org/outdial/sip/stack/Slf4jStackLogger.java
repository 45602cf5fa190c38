package org.outdial.sip.stack;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the JAIN-SIP RI's internal logging to SLF4J (logger {@code gov.nist.javax.sip}).
 *
 * <p>The RI's default {@code LogWriter} needs log4j 1.x, which is not on the classpath; the stack
 * loads this class instead by name ({@code gov.nist.javax.sip.STACK_LOGGER}), hence the public
 * no-argument constructor. The RI guards every expensive message with
 * {@link #isLoggingEnabled(int)}, so levels are mapped one step down: its INFO (which also
 * announces every message it sends) becomes SLF4J DEBUG, its DEBUG and TRACE become SLF4J TRACE.
 * In production, with {@code gov.nist} at INFO or above, the stack formats nothing.
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");

    public Slf4jStackLogger() {
        // instantiated reflectively by SipStackImpl
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level <= TRACE_ERROR) {
            return LOG.isErrorEnabled();
        }
        if (level <= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        if (level <= TRACE_INFO) {
            return LOG.isDebugEnabled();
        }
        return LOG.isTraceEnabled();
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_TRACE);
    }

    @Override
    public void logStackTrace(int level) {
        // The RI calls this on routine paths; a stack walk per message costs throughput.
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace requested by the SIP stack", new Throwable("stack trace"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable t) {
        LOG.error("SIP stack exception", t);
    }

    @Override
    public void logDebug(String message) {
        LOG.trace(message);
    }

    @Override
    public void logDebug(String message, Exception e) {
        LOG.trace(message, e);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message, Exception e) {
        if (e instanceof InterruptedException) {
            // JainSipStack.close() interrupts the event scanner to stop it; that is not an error.
            LOG.debug(message, e);
            return;
        }
        LOG.error(message, e);
    }

    @Override
    public void logWarning(String message) {
        LOG.warn(message);
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message);
    }

    @Override
    public void disableLogging() {
        // levels belong to the SLF4J configuration, not to the stack
    }

    @Override
    public void enableLogging() {
        // levels belong to the SLF4J configuration, not to the stack
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP RI build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties properties) {
        // nothing to read: levels come from the SLF4J configuration
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
