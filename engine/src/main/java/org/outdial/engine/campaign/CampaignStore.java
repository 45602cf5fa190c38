package org.outdial.engine.campaign;

import java.time.InstantSource;
import org.outdial.engine.number.NumberExpander;
import org.outdial.engine.number.NumberIntake;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberWriter;
import org.outdial.engine.number.NumbersHandler;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.storage.Transactor;

/**
 * What the autodialer and number actions share: the database, the clock, the seed's limits, the
 * repositories, the status transitions, the number intake and writer, the expander that writes
 * accepted numbers out, the one-at-a-time rule for bulk number work, and whom to tell about changes.
 */
public record CampaignStore(Transactor db, InstantSource clock, CampaignLimits limits, CampaignRepository campaigns,
                              NumberRepository numbers, StateCounts counts, StatusTransitions transitions,
                              NumberIntake intake, NumberWriter writer, NumberExpander expander,
                              NumbersHandler handler, CampaignChanges changes) {
}
