package org.outdial.sip.call;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.registrar.RegistrationListener;

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
     * Calls an operator's line at the contact its phone registered (docs/TELEPHONY.md, "Operator
     * lines"), to offer it an answered callee. Never throws for anything the network does; a line
     * that is not registered gives a call whose outcome is FAILED at once. The call's
     * {@link Call#request()} names the pseudo-trunk {@value #LINES} and the line as its number.
     */
    Call dialLine(LineCall request);

    /** The trunk name a call to an operator line reports in {@link Call#request()}. */
    String LINES = "lines";

    /** The line's registration now, or empty when its phone is not registered. */
    Optional<Registration> registration(String line);

    /** Tells {@code listener} about every operator line coming online or going offline. */
    void onRegistration(RegistrationListener listener);

    /**
     * Sends OPTIONS to a trunk outside any call (RFC 3261 §11), to learn whether it is alive: the
     * status of its final response, or a failed future when none came (Timer F, a transport failure).
     *
     * @throws IllegalArgumentException when the trunk is not configured
     */
    CompletableFuture<Integer> probe(String trunk);

    /** What is held now, for leak checks and metrics. */
    TelephonyCounts counts();

    /**
     * Runs the code paths of a bridged call once before the first real call, so that a campaign's
     * first wave does not pay for a cold JVM (docs/BENCHMARKS.md, "Issue 10: dead air"). Blocks
     * for at most a few seconds, never throws; a telephony with nothing to warm does nothing.
     *
     * @return how long the warm-up took, or empty when nothing was warmed (or it failed, logged)
     */
    default Optional<Duration> warmUp() {
        return Optional.empty();
    }

    /** Hangs up every call still in flight and releases the stack. */
    @Override
    void close();
}
