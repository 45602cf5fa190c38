package org.outdial.engine.pacing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.outdial.engine.campaign.CampaignMode;

/**
 * How many calls a campaign may start now: one implementation per autodialer mode, each a pure
 * function of a {@link PacingSnapshot} and {@code now} (Caffeine's {@code Pacer}: logic is handed
 * the time, never reads it). A new mode is a new {@code Pacer} and one line in {@link #of}.
 */
public interface Pacer {

    PacingDecision decide(PacingSnapshot snapshot, Instant now);

    /** What this version lacks to pace the mode (shown as the campaign's note), or empty when it paces it. */
    default Optional<String> missing() {
        return Optional.empty();
    }

    /** The pacer of a mode: the only place that names the modes. */
    static Pacer of(CampaignMode mode) {
        Objects.requireNonNull(mode, "mode");
        return switch (mode) {
            case FIXED -> FixedPacer.INSTANCE;
            case FREE -> FreePacer.INSTANCE;
            case SMART -> SmartPacer.INSTANCE;
        };
    }

    /** A pacer that never starts a call, and says what it lacks. */
    static Pacer notBuilt(String lacks) {
        return new NotBuilt(lacks);
    }

    /** A mode this version stores and validates but does not pace: it never starts a call. */
    record NotBuilt(String lacks) implements Pacer {

        public NotBuilt {
            if (lacks == null || lacks.isBlank()) {
                throw new IllegalArgumentException("lacks must name what is missing, was " + lacks);
            }
        }

        @Override
        public PacingDecision decide(PacingSnapshot snapshot, Instant now) {
            return PacingDecision.WAIT_FOR_EVENT;
        }

        @Override
        public Optional<String> missing() {
            return Optional.of(lacks);
        }
    }
}
