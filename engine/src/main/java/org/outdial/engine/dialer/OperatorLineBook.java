package org.outdial.engine.dialer;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.OperatorLines;
import org.outdial.engine.operator.InnerPhone;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.pacing.ModeSettings;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;

/**
 * Which operator lines a campaign's answered calls go to (seed 004: the {@code groupId} members,
 * else the {@code pseudoGroupOperators}: "If the parameter groupId is used, these params will be
 * skipped"), read when asked: a group's members may change while a campaign runs. A call reads
 * them once and keeps them for its life.
 */
public final class OperatorLineBook {

    private final LongFunction<List<String>> members;

    /** @param members a group's member lines by id, empty for an unknown group */
    OperatorLineBook(LongFunction<List<String>> members) {
        this.members = Objects.requireNonNull(members, "members");
    }

    /** The lines of the groups in {@code operators}. */
    public static OperatorLineBook over(Operators operators) {
        Objects.requireNonNull(operators, "operators");
        return new OperatorLineBook(id -> operators.findGroup(id)
                .map(g -> g.phones().stream().map(InnerPhone::number).toList()).orElse(List.of()));
    }

    /** The campaign's operator lines (GUARANTEED_DIAL, FREE, SMART), or empty when it has none. */
    public List<String> of(Campaign campaign) {
        return campaign.settings().operators().map(this::lines).orElse(List.of());
    }

    /** Whether the campaign's calls are paced by, or reserved with, its operators. */
    public static boolean hasOperators(Campaign campaign) {
        return campaign.settings().operators().isPresent();
    }

    public List<String> lines(OperatorLines lines) {
        return lines.groupId() != null ? group(lines.groupId()) : lines.lines();
    }

    /** A group's member lines (an incoming scenario's TRANSFER_TO_GROUP). */
    public List<String> group(long groupId) {
        return List.copyOf(members.apply(groupId));
    }

    /** The campaign's FREE/SMART operator options for a claim, or null in FIXED mode (seed: "only in FREE and SMART modes"). */
    public static OperatorPacing pacing(Campaign campaign) {
        return switch (campaign.settings().mode()) {
            case ModeSettings.Fixed f -> null;
            case ModeSettings.Free f -> f.pacing();
            case ModeSettings.Smart s -> s.pacing();
        };
    }
}
