package org.outdial.sip.call;

import java.util.concurrent.CompletableFuture;

/**
 * Places outbound calls. The engine sees telephony only through this interface, so its tests use
 * a fake; {@link SipTelephony} is the real one.
 *
 * <p>Everything is safe to call from any thread, virtual threads included: {@link #dial} returns
 * at once (the INVITE is on its way), and a call flow then waits on the {@link Call}'s futures.
 */
public interface Telephony extends AutoCloseable {

    /**
     * Starts a call. Never throws for anything the network does: a busy trunk, a full trunk or a
     * failure to send all show up in {@link Call#outcome()}.
     *
     * @throws IllegalArgumentException when the trunk is not configured
     */
    Call dial(DialRequest request);

    /**
     * Sends OPTIONS to a trunk outside any call (RFC 3261 §11), to learn whether it is alive: the
     * status of its final response, or a failed future when none came (Timer F, a transport failure).
     *
     * @throws IllegalArgumentException when the trunk is not configured
     */
    CompletableFuture<Integer> probe(String trunk);

    /** What is held now, for leak checks and metrics. */
    TelephonyCounts counts();

    /** Hangs up every call still in flight and releases the stack. */
    @Override
    void close();
}
