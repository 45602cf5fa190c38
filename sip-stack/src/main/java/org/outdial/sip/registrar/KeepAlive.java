package org.outdial.sip.registrar;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.outdial.sip.stack.JainSipStack;
import org.outdial.sip.stack.SipEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar's OPTIONS keep-alive (see {@link RegistrarSettings} for the bound it gives): one
 * out-of-dialog OPTIONS per registered phone per tick, sent where the phone was reached
 * ({@link LineRoute}). The misses are counted in {@link Bindings}, under the registrar's lock.
 */
final class KeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAlive.class);

    private final JainSipStack stack;
    private final Bindings bindings;
    private final Object lock;
    private final int maxMisses;
    /** OPTIONS probes in flight, by Call-ID. */
    private final Map<String, ClientTransaction> probes = new ConcurrentHashMap<>();

    KeepAlive(JainSipStack stack, Bindings bindings, Object lock, int maxMisses) {
        this.stack = stack;
        this.bindings = bindings;
        this.lock = lock;
        this.maxMisses = maxMisses;
    }

    /**
     * One round: counts the probes still unanswered as misses, unbinds the lines that reached
     * {@code maxMisses} and returns them, and probes every other phone.
     */
    List<String> tick() {
        Bindings.Tick tick;
        synchronized (lock) {
            tick = bindings.tick(maxMisses);
        }
        for (String missed : tick.missedProbes()) {
            ClientTransaction tx = probes.remove(missed);
            if (tx != null) {
                terminate(tx); // judged already; no need to wait for Timer F
            }
        }
        tick.toProbe().forEach(this::probe);
        return tick.unreachable();
    }

    private void probe(Registration registration) {
        try {
            Request options = options(registration);
            String callId = ((CallIdHeader) options.getHeader(CallIdHeader.NAME)).getCallId();
            ClientTransaction tx = stack.provider().getNewClientTransaction(options);
            probes.put(callId, tx);
            synchronized (lock) {
                bindings.probeSent(registration.line(), callId);
            }
            tx.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            // Counted as a miss at the next tick, like a probe that got no answer.
            LOG.debug("line {}: cannot send keep-alive OPTIONS: {}", registration.line(), e.toString());
        }
    }

    /** Takes the stack's event when it belongs to a keep-alive probe; says whether it did. */
    boolean take(SipEvent event) {
        String callId = event.callId();
        if (callId == null || !probes.containsKey(callId)) {
            return false;
        }
        switch (event) {
            case SipEvent.ResponseReceived r when r.response().getStatusCode() >= 200 -> {
                probes.remove(callId);
                synchronized (lock) {
                    bindings.probeAnswered(callId);
                }
            }
            case SipEvent.TransactionTimedOut t -> probes.remove(callId);
            default -> {
                // provisional, or the transaction leaving the stack's tables
            }
        }
        return true;
    }

    private Request options(Registration registration) throws ParseException, InvalidArgumentException {
        var addresses = stack.addresses();
        var headers = stack.headers();
        ListeningPoint lp = stack.listeningPoint(registration.transport());
        URI target = addresses.createURI(registration.contact());
        SipURI fromUri = addresses.createSipURI("outdial", lp.getIPAddress());
        Request options = stack.messages().createRequest(target, Request.OPTIONS, stack.provider().getNewCallId(),
                headers.createCSeqHeader(1L, Request.OPTIONS),
                headers.createFromHeader(addresses.createAddress(fromUri),
                        Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)),
                headers.createToHeader(addresses.createAddress(target), null),
                List.of(headers.createViaHeader(lp.getIPAddress(), lp.getPort(), registration.transport(), null)),
                headers.createMaxForwardsHeader(70));
        options.addHeader(LineRoute.to(stack, registration));
        options.addHeader(headers.createUserAgentHeader(List.of(Registrar.USER_AGENT)));
        return options;
    }

    private static void terminate(ClientTransaction tx) {
        try {
            tx.terminate();
        } catch (Exception e) {
            LOG.trace("terminate keep-alive OPTIONS: {}", e.toString());
        }
    }
}
