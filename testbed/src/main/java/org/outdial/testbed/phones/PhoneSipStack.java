package org.outdial.testbed.phones;

import gov.nist.javax.sip.SipStackImpl;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.ConcurrentHashMap;
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
 * The phones' one JAIN-SIP RI stack with one UDP listening point (and provider) per phone, so each
 * phone has its own contact address as a desk phone does. The RI allows one {@link SipListener}
 * per stack; it hands each event to the {@link Handler} of the provider it arrived on.
 */
final class PhoneSipStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneSipStack.class);
    /** The RI's factory keeps stacks by name for the whole JVM; tests run several sets of phones. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** What one phone does with the events of its provider. Must not throw or block. */
    interface Handler {
        void request(RequestEvent event);

        void response(ResponseEvent event);

        void timeout(TimeoutEvent event);

        void dialogEnded(DialogTerminatedEvent event);
    }

    private final SipStack stack;
    private final String address;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final Map<SipProvider, Handler> handlers = new ConcurrentHashMap<>();
    /** The RI wants the same listener object on every provider of a stack. */
    private final Listener listener = new Listener(handlers);
    /** This stack's RI event scanner threads, stopped by {@link #close} (see there). */
    private final Set<Thread> eventScanners = ConcurrentHashMap.newKeySet();

    private PhoneSipStack(SipStack stack, String address, SipFactory factory) throws javax.sip.PeerUnavailableException {
        this.stack = stack;
        this.address = address;
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
    }

    static PhoneSipStack start(String bindAddress) throws PhonesException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Set<Thread> before = eventScannerThreads();
        try {
            SipStack stack = factory.createSipStack(properties("phones-" + INSTANCES.incrementAndGet()));
            stack.start();
            PhoneSipStack phones = new PhoneSipStack(stack, bindAddress, factory);
            phones.noteEventScanners(before);
            return phones;
        } catch (javax.sip.SipException | RuntimeException e) {
            throw new PhonesException("cannot start a SIP stack for the phones: " + e.getMessage(), e);
        }
    }

    /** A new provider on a free port of the bind address ({@code udp} or {@code tcp}), its events going to {@code handler}. */
    SipProvider listen(String transport, Handler handler) throws PhonesException {
        PhonesException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freeUdpPort();
            try {
                ListeningPoint point = stack.createListeningPoint(address, port, transport);
                Set<Thread> before = eventScannerThreads();
                SipProvider provider = stack.createSipProvider(point);
                noteEventScanners(before);
                provider.setAutomaticDialogSupportEnabled(false);
                handlers.put(provider, handler);
                provider.addSipListener(listener);
                return provider;
            } catch (javax.sip.SipException | TooManyListenersException | javax.sip.InvalidArgumentException e) {
                // Another process took the port between the probe and the bind.
                last = new PhonesException("cannot listen for SIP on " + address + ":" + port + "/" + transport + ": "
                        + e.getMessage(), e);
            }
        }
        throw last;
    }

    /** A port free for UDP and TCP alike, whichever the phone listens on. */
    private int freeUdpPort() throws PhonesException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
            int port = probe.getLocalPort();
            try (java.net.ServerSocket tcp = new java.net.ServerSocket()) {
                tcp.bind(new InetSocketAddress(address, port));
            }
            return port;
        } catch (java.io.IOException e) {
            throw new PhonesException("cannot bind UDP on " + address + ": " + e.getMessage(), e);
        }
    }

    private static Properties properties(String name) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_STACK_TRACE_ON_MESSAGE_SEND", "false");
        // Outdial's SLF4J bridges: the RI's default logger needs log4j 1.x.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // One thread per listening point: a phone sees its messages in the order they came, so
        // Outdial's BYE followed at once by the next INVITE is never taken for two calls at once.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "2");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE", "64");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE", "300");
        return p;
    }

    String address() {
        return address;
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

    /**
     * Stops the stack. The RI's event scanner is a non-daemon thread blocked in
     * {@code BlockingQueue.take()}; with a re-entrant listener no event reaches that queue, so it
     * never sees {@code stop()} and kept a JVM that had closed its phones alive (bench dead-air
     * never exited). As {@code JainSipStack.close} does: set its stop flag and wake it.
     */
    @Override
    public void close() {
        var scanner = ((SipStackImpl) stack).getEventScanner(); // stop() forgets it
        try {
            stack.stop();
        } catch (NullPointerException e) {
            // The RI's UDPMessageProcessor.stop() can fail on a just-started processor (see CarrierSipStack).
            LOG.warn("JAIN-SIP stack of the phones failed to stop inside the RI: {}", e.getMessage());
        }
        if (scanner != null) {
            scanner.forceStop();
        }
        eventScanners.forEach(Thread::interrupt);
    }

    /** The event scanner threads started since {@code before} are this stack's (stacks start one at a time here). */
    private void noteEventScanners(Set<Thread> before) {
        Set<Thread> now = eventScannerThreads();
        now.removeAll(before);
        eventScanners.addAll(now);
    }

    private static Set<Thread> eventScannerThreads() {
        Set<Thread> found = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("EventScannerThread")) {
                found.add(t);
            }
        }
        return found;
    }

    /** The one JAIN-SIP listener: routes by the provider the event came in on. */
    private record Listener(Map<SipProvider, Handler> handlers) implements SipListener {

        @Override
        public void processRequest(RequestEvent e) {
            Handler h = handlers.get((SipProvider) e.getSource());
            guard(h, () -> h.request(e), e.getRequest().getMethod());
        }

        @Override
        public void processResponse(ResponseEvent e) {
            Handler h = handlers.get((SipProvider) e.getSource());
            guard(h, () -> h.response(e), "response " + e.getResponse().getStatusCode());
        }

        @Override
        public void processTimeout(TimeoutEvent e) {
            Handler h = handlers.get((SipProvider) e.getSource());
            guard(h, () -> h.timeout(e), "timeout");
        }

        @Override
        public void processIOException(IOExceptionEvent e) {
            LOG.debug("phones: SIP transport to {}:{} failed", e.getHost(), e.getPort());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent e) {
            // Calls end on final responses, BYE and dialog termination.
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent e) {
            Handler h = handlers.get((SipProvider) e.getSource());
            guard(h, () -> h.dialogEnded(e), "dialog terminated");
        }

        private static void guard(Handler handler, Runnable action, String what) {
            if (handler == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException ex) {
                LOG.warn("phones: handling {} failed", what, ex);
            }
        }
    }
}
