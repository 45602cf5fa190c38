package org.outdial.testbed.carrier;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.outdial.sip.stack.Slf4jServerLogger;
import org.outdial.sip.stack.Slf4jStackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier's own JAIN-SIP RI stack: one UDP listening point, the factories, and the one
 * {@link SipListener}, which hands each callback to a {@link Handler} as a typed call. The
 * carrier is a peer of Outdial's stack, not a copy of it, so it is configured here on its own.
 */
final class CarrierSipStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierSipStack.class);
    /** The RI's factory keeps stacks by name for the whole JVM; tests run several carriers. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** What the carrier does with the stack's events. Must not throw or block. */
    interface Handler {
        void request(RequestEvent event);

        void response(ResponseEvent event);

        void timeout(TimeoutEvent event);

        void dialogEnded(DialogTerminatedEvent event);
    }

    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String address;
    private final int port;

    private CarrierSipStack(SipStack stack, SipProvider provider, SipFactory factory, String address, int port)
            throws javax.sip.PeerUnavailableException {
        this.stack = stack;
        this.provider = provider;
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.address = address;
        this.port = port;
    }

    /** Starts on {@code port}, or on a free one when it is 0 (the RI itself refuses port 0). */
    static CarrierSipStack start(String bindAddress, int port, Handler handler) throws CarrierException {
        if (port != 0) {
            return startOn(bindAddress, port, handler);
        }
        CarrierException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return startOn(bindAddress, freeUdpPort(bindAddress), handler);
            } catch (CarrierException e) {
                last = e; // another process took the port between the probe and the bind
            }
        }
        throw last;
    }

    private static int freeUdpPort(String bindAddress) throws CarrierException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(
                new java.net.InetSocketAddress(bindAddress, 0))) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new CarrierException("cannot bind UDP on " + bindAddress + ": " + e.getMessage(), e);
        }
    }

    private static CarrierSipStack startOn(String bindAddress, int port, Handler handler) throws CarrierException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack = null;
        try {
            stack = factory.createSipStack(properties("carrier-" + INSTANCES.incrementAndGet()));
            ListeningPoint udp = stack.createListeningPoint(bindAddress, port, "udp");
            SipProvider provider = stack.createSipProvider(udp);
            provider.setAutomaticDialogSupportEnabled(false);
            provider.addSipListener(new Listener(handler));
            stack.start();
            return new CarrierSipStack(stack, provider, factory, bindAddress, udp.getPort());
        } catch (javax.sip.SipException | TooManyListenersException | javax.sip.InvalidArgumentException
                 | RuntimeException e) {
            if (stack != null) {
                stack.stop();
            }
            throw new CarrierException("cannot listen for SIP on " + bindAddress + ":" + port + "/udp: "
                    + e.getMessage(), e);
        }
    }

    private static Properties properties(String name) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        // Dialogs only for calls the carrier answers, created explicitly, so the count is exact.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_STACK_TRACE_ON_MESSAGE_SEND", "false");
        // Outdial's SLF4J bridges (public for this reason): the RI's default logger needs log4j 1.x.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        // A demo campaign sends bursts of INVITEs; the socket must not drop them between reads.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(1 << 20));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(1 << 20));
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "100000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "100000");
        // Free what ended: message references at once, dialogs 2 s after BYE (a retransmitted
        // BYE still finds its dialog), transactions after at most 64*T1 (RFC 3261 §17.1.2.2).
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "2");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE", "64");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE", "300");
        return p;
    }

    SipProvider provider() {
        return provider;
    }

    AddressFactory addresses() {
        return addresses;
    }

    HeaderFactory headers() {
        return headers;
    }

    MessageFactory messages() {
        return messages;
    }

    String address() {
        return address;
    }

    int port() {
        return port;
    }

    /** Dialogs the stack still holds, early and confirmed. */
    int dialogCount() {
        return ((SIPTransactionStack) stack).getDialogs().size();
    }

    @Override
    public void close() {
        try {
            stack.stop();
        } catch (NullPointerException e) {
            // The RI's UDPMessageProcessor.stop() reads its channel list before a just-started
            // processor has made it (seen once in a test that stops a stack right after start). The
            // rest of stop() is skipped: its socket may stay open until the JVM exits, which for the
            // carrier (a test peer and the demo's child process) is acceptable.
            LOG.warn("JAIN-SIP stack stopped right after start failed inside the RI: {}", e.getMessage());
        }
    }

    /** The one JAIN-SIP listener. An exception that escapes into the stack can leave a transaction half done. */
    private record Listener(Handler handler) implements SipListener {

        @Override
        public void processRequest(RequestEvent e) {
            guard(() -> handler.request(e), e.getRequest().getMethod());
        }

        @Override
        public void processResponse(ResponseEvent e) {
            guard(() -> handler.response(e), "response " + e.getResponse().getStatusCode());
        }

        @Override
        public void processTimeout(TimeoutEvent e) {
            guard(() -> handler.timeout(e), "timeout");
        }

        @Override
        public void processIOException(IOExceptionEvent e) {
            LOG.debug("SIP transport to {}:{} failed", e.getHost(), e.getPort());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent e) {
            // Nothing to do: calls end on final responses, BYE and dialog termination.
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent e) {
            guard(() -> handler.dialogEnded(e), "dialog terminated");
        }

        private static void guard(Runnable action, String what) {
            try {
                action.run();
            } catch (RuntimeException ex) {
                LOG.warn("carrier: handling {} failed", what, ex);
            }
        }
    }
}
