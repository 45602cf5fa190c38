package org.outdial.engine.dialer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;

/**
 * The claim: picks the next numbers to call and marks them DIALING in the caller's transaction,
 * which has locked the autodialer's row, so two pacers (or two nodes) never dial one number. The
 * statements are {@link NumberRepository}'s, the one writer of numbers.
 *
 * <p>Order (DESIGN.md "Pick"): the priority queue first (high-priority NEW numbers and due
 * retries placed there), then due retries, then NEW numbers in insertion order. Retries are
 * taken only when {@code retriesAllowed} (the seed's {@code earlyStart}).
 */
public final class NumberClaims {

    /** What to do with a candidate before it is claimed. */
    public sealed interface Verdict {
        /** Call it now. */
        record Call() implements Verdict {
        }

        /** Do not call it before {@code notBefore} (the callee's local time is outside the window). */
        record Defer(Instant notBefore) implements Verdict {
        }

        /** Never call it: it is on BLOCKED_PHONES. */
        record Block() implements Verdict {
        }
    }

    /** What a claim did. */
    public record Claimed(List<AutodialNumber> toCall, List<AutodialNumber> blocked, int deferred) {
    }

    private static final Verdict CALL = new Verdict.Call();

    private final NumberRepository numbers;
    private final StateCounts counts;

    public NumberClaims(NumberRepository numbers, StateCounts counts) {
        this.numbers = numbers;
        this.counts = counts;
    }

    public static Verdict call() {
        return CALL;
    }

    /**
     * Claims up to {@code wanted} numbers of {@code campaignId}, whose row the caller's transaction
     * has locked ({@code CampaignRepository.lock}), screening each candidate first.
     */
    public Claimed claim(Connection c, long campaignId, int wanted, Instant now, boolean retriesAllowed,
                         Function<AutodialNumber, Verdict> screen) throws SQLException {
        List<AutodialNumber> toCall = new ArrayList<>(wanted);
        List<AutodialNumber> blocked = new ArrayList<>();
        int deferred = 0;
        Set<String> phones = new HashSet<>();
        // Candidates are read in a few pages so that deferred or blocked ones do not starve the claim.
        int guard = 0;
        while (toCall.size() < wanted && guard++ < 4) {
            List<AutodialNumber> candidates = candidates(c, campaignId, (wanted - toCall.size()) * 2, now, retriesAllowed);
            if (candidates.isEmpty()) {
                break;
            }
            List<AutodialNumber> call = new ArrayList<>();
            List<AutodialNumber> block = new ArrayList<>();
            for (AutodialNumber n : candidates) {
                if (toCall.size() + call.size() == wanted) {
                    break;
                }
                if (!phones.add(n.phone())) {
                    // Another call job of the same phone (JAICP's addPhones queues a phone again) is
                    // claimed already: one call at a time per callee; this one waits for a later claim.
                    continue;
                }
                switch (screen.apply(n)) {
                    case Verdict.Call ignored -> call.add(n);
                    case Verdict.Block ignored -> block.add(n);
                    case Verdict.Defer defer -> {
                        numbers.defer(c, n, defer.notBefore());
                        deferred++;
                    }
                }
            }
            numbers.claim(c, call, NumberState.DIALING, now);
            numbers.claim(c, block, NumberState.BLOCKED, now);
            toCall.addAll(call);
            blocked.addAll(block);
        }
        EnumMap<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
        for (AutodialNumber n : toCall) {
            deltas.merge(n.state(), -1L, Long::sum);
            deltas.merge(NumberState.DIALING, 1L, Long::sum);
        }
        for (AutodialNumber n : blocked) {
            deltas.merge(n.state(), -1L, Long::sum);
            deltas.merge(NumberState.BLOCKED, 1L, Long::sum);
        }
        counts.adjust(c, campaignId, deltas);
        return new Claimed(toCall, blocked, deferred);
    }

    /** The next candidates in claim order, at most {@code limit}. */
    private List<AutodialNumber> candidates(Connection c, long campaignId, int limit, Instant now,
                                            boolean retriesAllowed) throws SQLException {
        List<AutodialNumber> priorityNew = numbers.claimableNew(c, campaignId, true, limit, now);
        List<AutodialNumber> retries = retriesAllowed ? numbers.dueRetries(c, campaignId, limit, now) : List.of();
        List<AutodialNumber> result = new ArrayList<>(limit);
        result.addAll(priorityNew);
        retries.stream().filter(AutodialNumber::highPriority).forEach(result::add);
        retries.stream().filter(n -> !n.highPriority()).forEach(result::add);
        if (result.size() < limit) {
            result.addAll(numbers.claimableNew(c, campaignId, false, limit - result.size(), now));
        }
        return result.size() > limit ? result.subList(0, limit) : result;
    }
}
