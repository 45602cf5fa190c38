package org.outdial.sip.trunk;

/**
 * The one place a trunk's limits are enforced: concurrent calls ({@code max-calls}) and call
 * attempts per second ({@code max-cps}). A call over either limit is refused here, before any
 * SIP is sent, so a carrier never sees more than it sold us.
 *
 * <p>Calls per second is a token bucket holding at most {@code maxCps} tokens and refilled at
 * {@code maxCps} per second, so at most {@code maxCps} INVITEs leave in any one-second window.
 * Time is handed in ({@code nowNanos}), never read here, so tests drive it.
 */
public final class TrunkGate {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TrunkSettings settings;
    private int inFlight;
    private double tokens;
    private long lastRefillNanos;
    private boolean started;

    public TrunkGate(TrunkSettings settings) {
        this.settings = settings;
        this.tokens = settings.maxCps();
    }

    public TrunkSettings settings() {
        return settings;
    }

    /** Takes a line and a CPS token if both are free; the caller must {@link #release()} a line it got. */
    public synchronized Admission tryAdmit(long nowNanos) {
        refill(nowNanos);
        if (inFlight >= settings.maxCalls()) {
            return Admission.TOO_MANY_CALLS;
        }
        if (tokens < 1.0) {
            return Admission.TOO_FAST;
        }
        tokens -= 1.0;
        inFlight++;
        return Admission.ADMITTED;
    }

    /** Gives back the line of a call that ended. */
    public synchronized void release() {
        if (inFlight == 0) {
            throw new IllegalStateException("trunk " + settings.name() + ": release without a call in flight");
        }
        inFlight--;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private void refill(long nowNanos) {
        if (!started) {
            started = true;
            lastRefillNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(settings.maxCps(), tokens + (double) elapsed * settings.maxCps() / NANOS_PER_SECOND);
            lastRefillNanos = nowNanos;
        }
    }
}
