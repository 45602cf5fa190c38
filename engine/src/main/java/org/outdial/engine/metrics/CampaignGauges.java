package org.outdial.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.storage.Transactor;

/**
 * Per-campaign gauges that need the database (docs/METRICS.md, "Campaigns"): numbers by state,
 * and the abandonment rate over the window and today. Numbers are read from
 * {@code autodialer_state_count}, the counters every writer keeps, one row per campaign and
 * state, never by counting a campaign's numbers; the read is done by {@link #refresh} (before a
 * scrape) at most once per {@link #MIN_INTERVAL}, so Prometheus' scrape rate does not become the
 * database's load, and the gauges may be that much behind.
 */
public final class CampaignGauges {

    /** The oldest the figures may be; Prometheus scrapes every 15 s by default. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(5);

    private final Transactor db;
    private final StateCounts counts;
    private final CampaignRepository campaigns;
    private final AbandonmentLedger ledger;
    private final MultiGauge numbers;
    private final MultiGauge liveAnswered;
    private final MultiGauge abandoned;
    private final MultiGauge abandonedRatio;
    private Instant refreshedAt;

    public CampaignGauges(MeterRegistry registry, Transactor db, AbandonmentLedger ledger) {
        this.db = db;
        this.counts = new StateCounts();
        this.campaigns = new CampaignRepository();
        this.ledger = ledger;
        this.numbers = MultiGauge.builder("outdial.numbers").description("A campaign's numbers in each state")
                .register(registry);
        this.liveAnswered = MultiGauge.builder("outdial.abandonment.live.answered")
                .description("Live-answered calls of a campaign with operators, over the window or today")
                .register(registry);
        this.abandoned = MultiGauge.builder("outdial.abandonment.abandoned")
                .description("Of those, abandoned: no operator within the grace (FCC 47 CFR 64.1200(a)(7))")
                .register(registry);
        this.abandonedRatio = MultiGauge.builder("outdial.abandonment").baseUnit("ratio")
                .description("Abandoned over live-answered, 0 when nothing was answered").register(registry);
    }

    /** Reads the figures again if the last read is {@link #MIN_INTERVAL} old; {@code now} is the caller's clock. */
    public synchronized void refresh(Instant now) {
        if (refreshedAt != null && Duration.between(refreshedAt, now).compareTo(MIN_INTERVAL) < 0) {
            return;
        }
        refreshedAt = now;
        Map<Long, ZoneId> zones = new HashMap<>();
        Map<Long, EnumMap<NumberState, Long>> byCampaign = db.read(c -> {
            Map<Long, EnumMap<NumberState, Long>> all = counts.all(c);
            for (long id : ledger.campaigns()) {
                campaigns.find(c, id).map(CampaignGauges::zone).ifPresent(zone -> zones.put(id, zone));
            }
            return all;
        });
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byCampaign.forEach((id, states) -> states.forEach((state, n) ->
                rows.add(MultiGauge.Row.of(Tags.of("campaign", Long.toString(id), "state", state.name()), n))));
        numbers.register(rows, true);
        List<MultiGauge.Row<?>> answered = new ArrayList<>();
        List<MultiGauge.Row<?>> dropped = new ArrayList<>();
        List<MultiGauge.Row<?>> ratio = new ArrayList<>();
        zones.forEach((id, zone) -> {
            AbandonmentLedger.Tallies t = ledger.tallies(id, zone, now);
            tally(answered, dropped, ratio, id, "window", t.window());
            tally(answered, dropped, ratio, id, "today", t.today());
        });
        liveAnswered.register(answered, true);
        abandoned.register(dropped, true);
        abandonedRatio.register(ratio, true);
    }

    private static void tally(List<MultiGauge.Row<?>> answered, List<MultiGauge.Row<?>> dropped,
                              List<MultiGauge.Row<?>> ratio, long id, String period, Outlook.Tally tally) {
        Tags tags = Tags.of("campaign", Long.toString(id), "period", period);
        answered.add(MultiGauge.Row.of(tags, tally.liveAnswered()));
        dropped.add(MultiGauge.Row.of(tags, tally.abandoned()));
        ratio.add(MultiGauge.Row.of(tags, tally.percent() / 100.0));
    }

    private static ZoneId zone(Campaign campaign) {
        return campaign.settings().common().window().timeZone();
    }
}
