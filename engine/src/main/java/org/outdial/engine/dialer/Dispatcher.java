package org.outdial.engine.dialer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.outdial.engine.pacing.PacingSnapshot;
import org.outdial.engine.pacing.TrunkCapacity;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * The one owner of calls in flight (OkHttp's {@code Dispatcher} role): per campaign and per
 * trunk, the trunks' {@code max-calls} and {@code max-cps}, and the trunks' health. The engine
 * admits every call here and sip-stack trusts it (docs/DIALER.md, "The dispatcher").
 *
 * <p>A campaign that could not get all the lines it wanted, or left its trunk full, waits for
 * that trunk; when any call on the trunk ends, every waiting campaign is woken at once, whichever
 * campaign the call belonged to. Thread-safe; the wake-ups run outside its lock.
 */
public final class Dispatcher {

    /** A line taken for one call; give it back with {@link #release} (or {@link #unused}) exactly once. */
    public static final class Line {
        private final long campaignId;
        private final String trunk;
        private final Instant takenAt;
        /** A campaign's line: its campaign is woken when it is given back. A single call's is not. */
        private final boolean campaign;
        private boolean returned;

        private Line(long campaignId, String trunk, Instant takenAt) {
            this(campaignId, trunk, takenAt, true);
        }

        private Line(long campaignId, String trunk, Instant takenAt, boolean campaign) {
            this.campaignId = campaignId;
            this.trunk = trunk;
            this.takenAt = takenAt;
            this.campaign = campaign;
        }

        public String trunk() {
            return trunk;
        }
    }

    /** A trunk as {@code /api/health} and the campaigns' notes show it. */
    public record TrunkHealth(String name, boolean up, Instant downSince, int failuresInARow, int inFlight) {
    }

    /** What to do with an attempt whose trunk did not answer: the number's fault or the trunk's. */
    public enum Blame { CALL, TRUNK }

    private static final class Trunk {
        final TrunkCapacity capacity;
        final TrunkBreaker breaker;
        final Set<Long> waiting = new LinkedHashSet<>();

        Trunk(TrunkSettings settings, BreakerSettings breaker) {
            this.capacity = new TrunkCapacity(settings);
            this.breaker = new TrunkBreaker(breaker);
        }
    }

    private static final class Calls {
        int inFlight;
        Instant lastEndedAt;
        boolean lastAnswered;
        long ended;
        long answered;
        long abandoned;
        String trunk;
    }

    private final Map<String, Trunk> trunks;
    private final Map<Long, Calls> campaigns = new HashMap<>();
    private final LongConsumer wake;
    private final CallMeters meters;

    /** @param wake looks at a campaign again (the dialer's {@code changed}) */
    public Dispatcher(List<TrunkSettings> trunks, BreakerSettings breaker, LongConsumer wake) {
        this(trunks, breaker, wake, CallMeters.none());
    }

    /** As above, counting the looks its trunks' limits held back in {@code meters}. */
    public Dispatcher(List<TrunkSettings> trunks, BreakerSettings breaker, LongConsumer wake, CallMeters meters) {
        Map<String, Trunk> byName = new LinkedHashMap<>();
        for (TrunkSettings trunk : trunks) {
            if (byName.putIfAbsent(trunk.name(), new Trunk(trunk, breaker)) != null) {
                throw new IllegalArgumentException("trunks[].name must be unique, " + trunk.name() + " repeats");
            }
        }
        this.trunks = byName;
        this.wake = wake;
        this.meters = meters;
    }

    public boolean configured(String trunk) {
        return trunks.containsKey(trunk);
    }

    /** A campaign's calls in flight and its last call, for its pacer. */
    public synchronized PacingSnapshot.CampaignCalls calls(long campaignId) {
        Calls calls = campaigns.get(campaignId);
        return calls == null ? new PacingSnapshot.CampaignCalls(0, null, false)
                : new PacingSnapshot.CampaignCalls(calls.inFlight, calls.lastEndedAt, calls.lastAnswered);
    }

    public synchronized PacingSnapshot.CallStatistics statistics(long campaignId) {
        Calls calls = campaigns.get(campaignId);
        return calls == null ? PacingSnapshot.CallStatistics.NONE
                : new PacingSnapshot.CallStatistics(calls.ended, calls.answered, calls.abandoned);
    }

    /** The room on a trunk now; none while it is down. */
    public synchronized PacingSnapshot.TrunkRoom room(String trunk, Instant now) {
        Trunk t = trunk(trunk);
        if (!t.breaker.up()) {
            return new PacingSnapshot.TrunkRoom(0, 0);
        }
        return new PacingSnapshot.TrunkRoom(t.capacity.freeLines(), t.capacity.callsAllowedNow(now));
    }

    /**
     * Takes up to {@code wanted} lines on {@code trunk} for a campaign (0 is allowed: a campaign the
     * pacer gave nothing because the trunk is full still waits for it). The campaign waits for the
     * trunk when it got fewer than it wanted or the trunk is full after its turn.
     */
    public synchronized List<Line> acquire(long campaignId, String trunk, int wanted, Instant now) {
        Trunk t = trunk(trunk);
        Calls calls = campaigns.computeIfAbsent(campaignId, id -> new Calls());
        calls.trunk = trunk;
        String limit = limitHolding(t, now);
        List<Line> lines = new ArrayList<>(wanted);
        while (lines.size() < wanted && t.breaker.up() && t.capacity.tryAcquire(now)) {
            lines.add(new Line(campaignId, trunk, now));
        }
        calls.inFlight += lines.size();
        if (lines.size() < wanted || t.capacity.freeLines() == 0 || !t.breaker.up()) {
            t.waiting.add(campaignId);
        }
        if (lines.size() < wanted || (wanted == 0 && limit != null)) {
            // Fewer lines than asked, or none asked because the pacer saw no room (it clips to the trunk).
            meters.refused(trunk, limit != null ? limit : limitHolding(t, now));
        }
        return lines;
    }

    /** Which of the trunk's limits leaves no room now, or null when there is room. */
    private static String limitHolding(Trunk t, Instant now) {
        if (!t.breaker.up()) {
            return "down";
        }
        if (t.capacity.freeLines() <= 0) {
            return "max_calls";
        }
        return t.capacity.callsAllowedNow(now) <= 0 ? "max_cps" : null;
    }

    /**
     * The owner id under which single calls (engine.call.SingleCalls) hold their lines: no
     * autodialer has id 0 (identity columns start at 1).
     */
    public static final long SINGLE_CALLS = 0;

    /**
     * Takes one line on {@code trunk} for a single call (not an autodialer's), if the trunk is up
     * and has room now: the same {@code max-calls} and {@code max-cps} the campaigns share, so a
     * single call and a campaign never together exceed the trunk. Nobody waits for the trunk on a
     * single call's behalf: a call that cannot start is refused at once.
     */
    public synchronized Optional<Line> tryAcquireSingle(String trunk, Instant now) {
        Trunk t = trunk(trunk);
        if (!t.breaker.up() || !t.capacity.tryAcquire(now)) {
            return Optional.empty();
        }
        campaigns.computeIfAbsent(SINGLE_CALLS, id -> new Calls()).inFlight++;
        return Optional.of(new Line(SINGLE_CALLS, trunk, now, false));
    }

    /** Whether {@code trunk} is up (answering); a down trunk takes no calls until a probe brings it back. */
    public synchronized boolean up(String trunk) {
        return trunk(trunk).breaker.up();
    }

    /**
     * Gives back a line no call was started on (the claim found fewer numbers). The campaign is not
     * woken, and no longer waits for the trunk: it has nothing to call now (a tick or a change wakes it).
     */
    public void unused(Line line) {
        List<Long> woken;
        synchronized (this) {
            trunk(line.trunk).waiting.remove(line.campaignId);
            woken = giveBack(line, false);
        }
        woken.forEach(wake::accept);
    }

    /** Whether a call on {@code line} that its trunk did not answer is the trunk's fault or the call's. */
    public synchronized Blame blame(Line line) {
        return trunk(line.trunk).breaker.blames(line.takenAt) ? Blame.TRUNK : Blame.CALL;
    }

    /**
     * A call ended (and is recorded): frees its line, tells the trunk's breaker, and wakes every
     * campaign waiting for the trunk and the call's own. Returns true when this call took the trunk down.
     */
    public boolean release(Line line, CallResult result, Instant now) {
        List<Long> woken;
        boolean wentDown;
        synchronized (this) {
            Calls calls = campaigns.get(line.campaignId);
            calls.lastEndedAt = now;
            // The pause after answered calls counts operator-answered ones for operator campaigns
            // (CallResult.answered); the statistics count the callee's answers, and those nobody took.
            calls.lastAnswered = result != null && result.answered();
            calls.ended++;
            boolean calleeAnswered = result != null && result.secondsForClientAnswered() != null;
            calls.answered += calleeAnswered ? 1 : 0;
            calls.abandoned += calleeAnswered && result.abandoned() ? 1 : 0;
            wentDown = result != null && trunk(line.trunk).breaker.onCall(TrunkBreaker.Signal.of(result), now);
            woken = giveBack(line, true);
        }
        woken.forEach(wake::accept);
        return wentDown;
    }

    /** When the next probe of a down trunk is due, or empty while it is up. */
    public synchronized Optional<Instant> nextProbeAt(String trunk) {
        return Optional.ofNullable(trunk(trunk).breaker.nextProbeAt());
    }

    public BreakerSettings breakerSettings(String trunk) {
        return trunk(trunk).breaker.settings();
    }

    /**
     * A probe of a down trunk ended with {@code status} (a final response) or none (null). Any final
     * response but 503 means the trunk is alive (RFC 3261 §11.2: an OPTIONS is answered as an INVITE
     * would be). Returns the campaigns to wake when it brought the trunk back up, else nothing.
     */
    public boolean probed(String trunk, Integer status, Instant now) {
        List<Long> woken;
        synchronized (this) {
            Trunk t = trunk(trunk);
            boolean answered = status != null && status >= 200 && status != 503;
            if (!t.breaker.onProbe(answered, now)) {
                return false;
            }
            woken = List.copyOf(t.waiting);
            t.waiting.clear();
        }
        woken.forEach(wake::accept);
        return true;
    }

    /** The trunk a campaign dialed through last, if it has dialed. */
    public synchronized Optional<String> trunkOf(long campaignId) {
        Calls calls = campaigns.get(campaignId);
        return calls == null ? Optional.empty() : Optional.ofNullable(calls.trunk);
    }

    /** The campaigns that dialed through a trunk since the process started. */
    public synchronized List<Long> campaignsOn(String trunk) {
        return campaigns.entrySet().stream().filter(e -> trunk.equals(e.getValue().trunk)).map(Map.Entry::getKey)
                .toList();
    }

    public synchronized List<TrunkHealth> health() {
        return trunks.entrySet().stream().map(e -> new TrunkHealth(e.getKey(), e.getValue().breaker.up(),
                e.getValue().breaker.downSince(), e.getValue().breaker.failuresInARow(),
                e.getValue().capacity.inFlight())).toList();
    }

    public synchronized int inFlight(long campaignId) {
        Calls calls = campaigns.get(campaignId);
        return calls == null ? 0 : calls.inFlight;
    }

    /** Calls in flight on one trunk, every campaign together (its gauge). */
    public synchronized int inFlightOn(String trunk) {
        return trunk(trunk).capacity.inFlight();
    }

    /** The trunk's {@code max-calls}. */
    public int maxCalls(String trunk) {
        return trunk(trunk).capacity.settings().maxCalls();
    }

    public synchronized int inFlight() {
        return campaigns.values().stream().mapToInt(c -> c.inFlight).sum();
    }

    /** Drops what is kept about a campaign that is gone, once none of its calls is in flight. */
    public synchronized void forget(long campaignId) {
        Calls calls = campaigns.get(campaignId);
        if (calls != null && calls.inFlight == 0) {
            campaigns.remove(campaignId);
            trunks.values().forEach(t -> t.waiting.remove(campaignId));
        }
    }

    /** Under the lock: the line back, and who to wake (the waiting campaigns, then the line's own). */
    private List<Long> giveBack(Line line, boolean wakeOwn) {
        if (line.returned) {
            throw new IllegalStateException("line of campaign " + line.campaignId + " on " + line.trunk
                    + " given back twice");
        }
        line.returned = true;
        Trunk t = trunk(line.trunk);
        t.capacity.release();
        campaigns.get(line.campaignId).inFlight--;
        Set<Long> woken = new LinkedHashSet<>(t.waiting);
        t.waiting.clear();
        if (wakeOwn && line.campaign) {
            woken.add(line.campaignId);
        }
        return List.copyOf(woken);
    }

    private Trunk trunk(String name) {
        Trunk t = trunks.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no trunk named '" + name + "'; configured: " + trunks.keySet());
        }
        return t;
    }
}
