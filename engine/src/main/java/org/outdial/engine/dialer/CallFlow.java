package org.outdial.engine.dialer;

import java.time.Instant;
import java.util.Optional;
import org.outdial.engine.campaign.Campaign;

/**
 * The life of one call of one campaign type, top to bottom like the call itself, on a virtual
 * thread: build what it needs, dial, react, and say how it ended. One implementation per campaign
 * type; {@link CallFlows} picks it. A new type is a new {@code CallFlow} and one line there.
 *
 * <p>A flow returns once the call has ended, or throws; either way the dialer records the attempt
 * exactly once, and one that takes longer than the call's cap is resolved without it.
 */
public interface CallFlow {

    CallResult run(CallTask task) throws InterruptedException;

    /**
     * Before the dialer claims numbers for up to {@code wanted} calls of {@code campaign}: what each
     * call must hold first, and so how many may start. By default nothing: all of them.
     * GUARANTEED_DIAL reserves an operator per call here, so a number is never claimed (nor its
     * attempt used) while nobody could take it.
     */
    default Reservation reserve(Campaign campaign, int wanted, Instant now) {
        return Reservation.none(wanted);
    }

    /** What this version lacks to run the type's calls (shown as the campaign's note), or empty when it runs them. */
    default Optional<String> missing() {
        return Optional.empty();
    }

    /** A flow that this version does not have: the dialer claims no number for it. */
    static CallFlow notBuilt(String lacks) {
        return new NotBuilt(lacks);
    }

    /** A type this version stores and validates but does not call. */
    record NotBuilt(String lacks) implements CallFlow {

        public NotBuilt {
            if (lacks == null || lacks.isBlank()) {
                throw new IllegalArgumentException("lacks must name what is missing, was " + lacks);
            }
        }

        @Override
        public CallResult run(CallTask task) {
            throw new IllegalStateException(task.campaign().type() + " calls are not built: they need " + lacks);
        }

        @Override
        public Optional<String> missing() {
            return Optional.of(lacks);
        }
    }
}
