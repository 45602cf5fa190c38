package org.outdial.sip.call;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.outdial.sip.stack.JainSipStack;
import org.outdial.sip.stack.SipEvent;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * OPTIONS sent to a trunk outside any call (RFC 3261 §11), to learn whether it is alive: the
 * engine's trunk breaker probes a trunk that stopped answering INVITEs. Each probe is one client
 * transaction; its final response, or its timeout (Timer F), completes the probe's future.
 */
final class OptionsProbes {

    private final JainSipStack stack;
    private final Map<String, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();

    OptionsProbes(JainSipStack stack) {
        this.stack = stack;
    }

    CompletableFuture<Integer> send(TrunkSettings trunk) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        try {
            Request options = options(trunk);
            String callId = ((CallIdHeader) options.getHeader(CallIdHeader.NAME)).getCallId();
            pending.put(callId, answer);
            answer.whenComplete((status, failure) -> pending.remove(callId));
            ClientTransaction tx = stack.provider().getNewClientTransaction(options);
            tx.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** Takes the stack's event when it belongs to a probe; says whether it did. */
    boolean take(SipEvent event) {
        String callId = event.callId();
        CompletableFuture<Integer> answer = callId == null ? null : pending.get(callId);
        if (answer == null) {
            return false;
        }
        switch (event) {
            case SipEvent.ResponseReceived r when r.response().getStatusCode() >= 200 ->
                    answer.complete(r.response().getStatusCode());
            case SipEvent.TransactionTimedOut t ->
                    answer.completeExceptionally(new TimeoutException("no response to OPTIONS (Timer F)"));
            default -> {
                // a provisional response, or the transaction leaving the stack's tables
            }
        }
        return true;
    }

    private Request options(TrunkSettings trunk) throws ParseException, InvalidArgumentException {
        var addresses = stack.addresses();
        var headers = stack.headers();
        ListeningPoint lp = stack.listeningPoint(trunk.transport());
        SipURI target = addresses.createSipURI(null, trunk.host());
        target.setPort(trunk.port());
        if (trunk.transport().equals("tcp")) {
            target.setTransportParam("tcp");
        }
        SipURI fromUri = addresses.createSipURI("outdial", lp.getIPAddress());
        Request options = stack.messages().createRequest(target, Request.OPTIONS, stack.provider().getNewCallId(),
                headers.createCSeqHeader(1L, Request.OPTIONS),
                headers.createFromHeader(addresses.createAddress(fromUri),
                        Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)),
                headers.createToHeader(addresses.createAddress((SipURI) target.clone()), null),
                List.of(headers.createViaHeader(lp.getIPAddress(), lp.getPort(), trunk.transport(), null)),
                headers.createMaxForwardsHeader(70));
        options.addHeader(headers.createAcceptHeader("application", "sdp"));
        options.addHeader(headers.createUserAgentHeader(List.of(SipMessages.USER_AGENT)));
        return options;
    }
}
