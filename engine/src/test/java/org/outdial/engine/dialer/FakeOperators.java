package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;

/**
 * Operator claims as a test sets them: the lines it makes {@link #ready}, in the order they became
 * ready (longest idle first), each claimed once until its claim ends. Records every call in
 * {@link #log()} ("claim 2001", "refused 2001 NO_ANSWER", ...), and fails a test that ends a claim
 * twice or one it never made. Without a wrap-up: a line is ready again as soon as its claim ends.
 */
final class FakeOperators implements OperatorClaims {

    private final LinkedHashSet<String> ready = new LinkedHashSet<>();
    private final List<Claim> open = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Duration> talks = new CopyOnWriteArrayList<>();
    private volatile Runnable whenNoneFree = () -> { };
    private volatile boolean readyAgain = true;

    /** Makes {@code lines} ready (after the ones ready already) and tells the listeners. */
    FakeOperators ready(String... lines) {
        synchronized (this) {
            for (String line : lines) {
                ready.add(line);
            }
        }
        listeners.forEach(Runnable::run);
        return this;
    }

    /** Runs {@code action} each time a claim finds nobody ready. */
    FakeOperators whenNoneFree(Runnable action) {
        whenNoneFree = action;
        return this;
    }

    /** Whether a line whose claim ended is ready again (false: it goes away, as into a long wrap-up). */
    FakeOperators readyAgainAfterCalls(boolean again) {
        readyAgain = again;
        return this;
    }

    List<String> log() {
        return log;
    }

    List<Duration> talks() {
        return talks;
    }

    synchronized int openClaims() {
        return open.size();
    }

    @Override
    public Optional<Claim> claim(long campaignId, List<String> lines, OperatorPacing pacing, Instant now) {
        Claim claim = null;
        synchronized (this) {
            for (String line : ready) {
                if (lines.contains(line)) {
                    claim = new Claim(line, campaignId, pacing, now);
                    break;
                }
            }
            if (claim != null) {
                ready.remove(claim.line());
                open.add(claim);
                log.add("claim " + claim.line());
            }
        }
        if (claim == null) {
            log.add("none free");
            whenNoneFree.run();
        }
        return Optional.ofNullable(claim);
    }

    @Override
    public synchronized int ready(Collection<String> lines, Instant now) {
        return (int) ready.stream().filter(lines::contains).count();
    }

    @Override
    public synchronized int claimedBy(long campaignId) {
        return (int) open.stream().filter(c -> c.campaignId() == campaignId).count();
    }

    @Override
    public void answered(Claim claim, Instant now) {
        synchronized (this) {
            if (!open.contains(claim)) {
                throw new AssertionError("answered a claim not open: " + claim);
            }
        }
        log.add("answered " + claim.line());
    }

    @Override
    public void refused(Claim claim, Refusal why, Instant now) {
        end(claim, "refused " + claim.line() + " " + why, readyAgain);
    }

    @Override
    public void released(Claim claim, Instant now) {
        end(claim, "released " + claim.line(), true);
    }

    @Override
    public void talkEnded(Claim claim, Duration talk, Instant now) {
        talks.add(talk);
        end(claim, "talkEnded " + claim.line(), readyAgain);
    }

    private void end(Claim claim, String entry, boolean again) {
        synchronized (this) {
            if (!open.remove(claim)) {
                throw new AssertionError(entry + ": the claim is not open (ended twice, or never made): " + claim);
            }
            if (again) {
                ready.add(claim.line());
            }
        }
        log.add(entry);
        if (again) {
            listeners.forEach(Runnable::run);
        }
    }

    @Override
    public void onReady(Runnable listener) {
        listeners.add(listener);
    }
}
