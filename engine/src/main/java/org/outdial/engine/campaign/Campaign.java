package org.outdial.engine.campaign;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An autodialer ("task" in the seed) as stored.
 *
 * @param statusChangedAt when {@link #status} last changed (the seed's {@code taskStatusInfo})
 * @param finishedDate    the day it finished; present only while FINISHED
 * @param lastRefreshAt   when REFRESH last ran, for the seed's once-a-minute rule
 * @param callsDoneCount  calls completed over the autodialer's life
 */
public record Campaign(long id, String name, CampaignType type, CampaignMode mode, CampaignStatus status,
                       Instant statusChangedAt, LocalDate finishedDate, Instant lastRefreshAt,
                       CampaignSettings settings, long callsDoneCount, Instant createdAt) {
}
