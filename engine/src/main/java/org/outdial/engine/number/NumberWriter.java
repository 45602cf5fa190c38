package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.campaign.CampaignEvent;
import org.outdial.engine.error.EngineException;

/**
 * Accepts numbers into an autodialer inside the caller's transaction: skips numbers on
 * BLOCKED_FOR_AUTODIAL_PHONES, drops duplicates (or puts them back to NEW with
 * {@code refreshDuplicates}), enforces the per-autodialer limit, stages the new ones in
 * {@code number_batch} (written out as rows by {@link NumberExpander} once the caller commits and
 * calls {@link NumberExpander#expand}), keeps the statistics in step and moves the autodialer's
 * status (NO_NUMBERS or FINISHED to WAITING). The caller must have awaited the autodialer's earlier
 * chunks ({@link NumberExpander#awaitExpanded}), so duplicates and the limit are judged on every
 * number it holds.
 */
public final class NumberWriter {

    /** What an add did. */
    public record Added(int added, int refreshed, int duplicates, int blocked) {
    }

    private final NumberRepository numbers;
    private final NumberBatches batches;
    private final StateCounts counts;
    private final StatusTransitions transitions;
    private final BlockedNumbers blocked;

    public NumberWriter(NumberRepository numbers, NumberBatches batches, StateCounts counts,
                        StatusTransitions transitions, BlockedNumbers blocked) {
        this.numbers = numbers;
        this.batches = batches;
        this.counts = counts;
        this.transitions = transitions;
        this.blocked = blocked;
    }

    public Added write(Connection c, Campaign campaign, List<NumberData> accepted, boolean highPriority,
                       boolean refreshDuplicates, int maxPerAutodialer, Instant now) throws SQLException {
        Set<String> blockedPhones = blocked.blockedForAdding(accepted.stream().map(NumberData::phone).toList());
        List<NumberData> candidates = blockedPhones.isEmpty() ? accepted
                : accepted.stream().filter(n -> !blockedPhones.contains(n.phone())).toList();
        long total = numbers.count(c, campaign.id());
        Map<String, NumberState> existing = total == 0 ? Map.of()
                : numbers.existing(c, campaign.id(), candidates.stream().map(NumberData::phone).toList());
        List<NumberData> fresh = new ArrayList<>(candidates.size());
        List<NumberData> again = new ArrayList<>();
        EnumMap<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
        int duplicates = 0;
        for (NumberData n : candidates) {
            NumberState state = existing.get(n.phone());
            if (state == null) {
                fresh.add(n);
            } else if (refreshDuplicates && state != NumberState.DIALING) {
                // A number being dialed right now is left alone: its call will record its outcome.
                again.add(n);
                deltas.merge(state, -1L, Long::sum);
                deltas.merge(NumberState.NEW, 1L, Long::sum);
            } else {
                duplicates++;
            }
        }
        if (total + fresh.size() > maxPerAutodialer) {
            throw EngineException.conflict("Numbers limit exceeded");
        }
        if (fresh.isEmpty() && again.isEmpty()) {
            throw EngineException.conflict("Numbers not added");
        }
        batches.stage(c, campaign.id(), fresh, highPriority);
        numbers.refresh(c, campaign.id(), again, existing, highPriority);
        deltas.merge(NumberState.NEW, (long) fresh.size(), Long::sum);
        counts.adjust(c, campaign.id(), deltas);
        transitions.apply(c, campaign, CampaignEvent.NUMBERS_ADDED, now);
        return new Added(fresh.size(), again.size(), duplicates, blockedPhones.size());
    }
}
