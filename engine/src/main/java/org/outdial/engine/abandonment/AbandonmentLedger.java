package org.outdial.engine.abandonment;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.storage.Sql;
import org.outdial.engine.storage.Transactor;

/**
 * Each campaign's live-answered calls and how many were abandoned (FCC 47 CFR 64.1200(a)(7):
 * no operator on the line within the grace of the answer), over the rolling window (30 days by
 * default) and over the current day in the campaign's zone (Ofcom counts per 24 hours). The table
 * {@code abandonment_call} is the record; the counts live here in memory per quarter-hour, loaded
 * at start, so that a pacing decision reads them in constant time. docs/PACING.md, "Abandonment".
 *
 * <p>A call is written with {@link #insert} in the transaction that records it and counted with
 * {@link #counted} once that transaction committed. Thread-safe.
 */
public final class AbandonmentLedger {

    /** Both tallies of one campaign at one moment. */
    public record Tallies(Outlook.Tally window, Outlook.Tally today) {
        public Tallies {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(today, "today");
        }
    }

    private final AbandonmentSettings settings;
    private final Map<Long, CampaignTally> campaigns = new HashMap<>();

    private AbandonmentLedger(AbandonmentSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A ledger with nothing counted yet: a process without a database, or a test. */
    public static AbandonmentLedger empty(AbandonmentSettings settings) {
        return new AbandonmentLedger(settings);
    }

    /** The ledger as the table has it: every campaign's calls of the window ending at {@code now} (and of today). */
    public static AbandonmentLedger load(Transactor db, AbandonmentSettings settings, Instant now) {
        AbandonmentLedger ledger = new AbandonmentLedger(settings);
        long from = QuarterHour.of(now) - Math.max(settings.windowBuckets(), CampaignTally.DAY_BUCKETS) + 1;
        db.read(c -> Sql.list(c, "SELECT autodial_id, quarter_hour, COUNT(*) AS calls,"
                        + " SUM(CASE WHEN abandoned THEN 1 ELSE 0 END) AS dropped FROM abandonment_call"
                        + " WHERE quarter_hour >= ? GROUP BY autodial_id, quarter_hour ORDER BY quarter_hour",
                rs -> {
                    ledger.tally(rs.getLong("autodial_id")).add(rs.getLong("quarter_hour"), rs.getLong("calls"),
                            rs.getLong("dropped"));
                    return null;
                }, from));
        return ledger;
    }

    public AbandonmentSettings settings() {
        return settings;
    }

    /** Writes one live-answered call in the caller's transaction; {@link #counted} it once that commits. */
    public static void insert(Connection c, long campaignId, Instant answeredAt, boolean abandoned) throws SQLException {
        Sql.update(c, "INSERT INTO abandonment_call (autodial_id, answered_at, quarter_hour, abandoned) VALUES (?, ?, ?, ?)",
                campaignId, answeredAt, QuarterHour.of(answeredAt), abandoned);
    }

    /** Counts one live-answered call, written by {@link #insert} in a transaction that committed. */
    public synchronized void counted(long campaignId, Instant answeredAt, boolean abandoned) {
        tally(campaignId).add(QuarterHour.of(answeredAt), 1, abandoned ? 1 : 0);
    }

    /** The campaign's tallies at {@code now}: over the window, and since the start of the day in {@code zone}. */
    public synchronized Tallies tallies(long campaignId, ZoneId zone, Instant now) {
        CampaignTally tally = campaigns.get(campaignId);
        if (tally == null) {
            return new Tallies(Outlook.Tally.NONE, Outlook.Tally.NONE);
        }
        long nowBucket = QuarterHour.of(now);
        return new Tallies(tally.window(nowBucket), tally.since(QuarterHour.startOfDay(now, zone), nowBucket));
    }

    /** What SMART is held under: the tallies and the configured cap. */
    public Outlook.Abandonment abandonment(long campaignId, ZoneId zone, Instant now) {
        Tallies t = tallies(campaignId, zone, now);
        return new Outlook.Abandonment(t.window(), t.today(), settings.targetPercent(), settings.minTeam(),
                settings.grace());
    }

    /** The campaigns that have a tally: every one with a live-answered call in the window since start. */
    public synchronized Set<Long> campaigns() {
        return Set.copyOf(campaigns.keySet());
    }

    private CampaignTally tally(long campaignId) {
        return campaigns.computeIfAbsent(campaignId, id -> new CampaignTally(settings.windowBuckets()));
    }
}
