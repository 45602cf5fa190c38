package org.outdial.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RI's message log ({@code gov.nist.javax.sip.SERVER_LOGGER}) on SLF4J logger
 * {@code org.outdial.sip.wire}: every SIP message in and out at TRACE, nothing otherwise. The
 * RI's own {@code ServerLog} writes a file and needs log4j; this one costs a level check.
 */
public final class Slf4jServerLogger implements ServerLogger {

    private static final Logger WIRE = LoggerFactory.getLogger("org.outdial.sip.wire");

    public Slf4jServerLogger() {
        // instantiated reflectively by SipStackImpl
    }

    @Override
    public void closeLogFile() {
        // no file
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender,
                           long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (WIRE.isTraceEnabled()) {
            WIRE.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception e) {
        WIRE.warn("SIP message exception", e);
    }

    @Override
    public void setStackProperties(Properties properties) {
        // nothing to read
    }

    @Override
    public void setSipStack(SipStack stack) {
        // nothing to keep
    }
}
