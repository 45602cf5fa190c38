package org.outdial.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running JAIN-SIP RI stack: a UDP and a TCP listening point on {@code sip.port}, one provider
 * for both, and the factories. Create one per process (each needs its own port).
 */
public final class JainSipStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JainSipStack.class);
    /** Stack names must be unique inside the RI's factory; tests start more than one per JVM. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SipSettings settings;
    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final List<Thread> eventScanners;

    private JainSipStack(SipSettings settings, SipStack stack, SipProvider provider, SipFactory factory,
                         List<Thread> eventScanners) throws javax.sip.PeerUnavailableException {
        this.settings = settings;
        this.eventScanners = eventScanners;
        this.stack = stack;
        this.provider = provider;
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
    }

    /**
     * Starts the stack and delivers its events to {@code listener}.
     *
     * @throws SipStackException when the port is taken or the stack refuses its configuration
     */
    public static JainSipStack start(SipSettings settings, SipListener listener) throws SipStackException {
        // SipFactory is a JVM-wide singleton that keeps stacks by name, hence the unique names.
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        String name = "outdial-" + INSTANCES.incrementAndGet();
        SipStack stack = null;
        Set<Thread> before = eventScannerThreads();
        try {
            stack = factory.createSipStack(StackProperties.forSettings(settings, name));
            ListeningPoint udp = stack.createListeningPoint(settings.bindAddress(), settings.port(), "udp");
            ListeningPoint tcp = stack.createListeningPoint(settings.bindAddress(), settings.port(), "tcp");
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            provider.setAutomaticDialogSupportEnabled(false);
            provider.addSipListener(listener);
            stack.start();
            List<Thread> scanners = new ArrayList<>(eventScannerThreads());
            scanners.removeAll(before);
            LOG.info("SIP stack listening on {}:{} (udp, tcp)", settings.bindAddress(), settings.port());
            return new JainSipStack(settings, stack, provider, factory, List.copyOf(scanners));
        } catch (javax.sip.SipException | TooManyListenersException | javax.sip.InvalidArgumentException
                 | RuntimeException e) {
            if (stack != null) {
                stack.stop();
            }
            throw new SipStackException("cannot start the SIP stack on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
    }

    public SipSettings settings() {
        return settings;
    }

    public SipProvider provider() {
        return provider;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public MessageFactory messages() {
        return messages;
    }

    /** The listening point for a transport ({@code udp} or {@code tcp}). */
    public ListeningPoint listeningPoint(String transport) {
        return provider.getListeningPoint(transport);
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

    /** Dialogs the stack still holds, early and confirmed. */
    public int dialogCount() {
        return ((SIPTransactionStack) stack).getDialogs().size();
    }

    /** Client plus server transactions the stack still holds, including ones waiting out their timers. */
    public int transactionCount() {
        SIPTransactionStack s = (SIPTransactionStack) stack;
        return s.getClientTransactionTableSize() + s.getServerTransactionTableSize();
    }

    @Override
    public void close() {
        var scanner = ((SipStackImpl) stack).getEventScanner(); // stop() forgets it
        ListeningPoint[] points = provider.getListeningPoints();
        try {
            stack.deleteSipProvider(provider);
        } catch (javax.sip.ObjectInUseException e) {
            LOG.debug("SIP provider still in use at close: {}", e.toString());
        }
        for (ListeningPoint point : points) {
            deleteListeningPoint(point);
        }
        try {
            stack.stop();
        } catch (java.util.ConcurrentModificationException e) {
            // The RI's UDPMessageProcessor.stop walks its thread list while those threads leave it.
            LOG.debug("SIP stack stop raced its own UDP threads: {}", e.toString());
        }
        // The RI's event scanner is a non-daemon thread blocked in BlockingQueue.take(); with a
        // re-entrant listener no event ever reaches that queue, so it never sees its stop flag and
        // keeps the JVM alive after stop(). Set the flag and wake it.
        if (scanner != null) {
            scanner.forceStop();
        }
        eventScanners.forEach(Thread::interrupt);
        LOG.info("SIP stack on {}:{} stopped", settings.bindAddress(), settings.port());
    }

    /**
     * Deletes a listening point; the RI's UDPMessageProcessor.stop can throw
     * ConcurrentModificationException when one of its UDP threads ends while it walks their list
     * (seen once in a full test run), so it is tried again once: the threads it already stopped are
     * gone from the list by then.
     */
    private void deleteListeningPoint(ListeningPoint point) {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.deleteListeningPoint(point);
                return;
            } catch (javax.sip.ObjectInUseException e) {
                LOG.debug("listening point {} still in use at close: {}", point, e.toString());
                return;
            } catch (java.util.ConcurrentModificationException e) {
                if (attempt == 2) {
                    LOG.debug("listening point {} raced its UDP threads twice at close: {}", point, e.toString());
                    return;
                }
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    throw e;
                }
                // the first attempt's half-done stop left it in a state the RI does not expect; stop() ends the rest
                LOG.debug("listening point {} after a raced first delete: {}", point, e.toString());
                return;
            }
        }
    }
}
