package org.outdial.engine.dialer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The dialer's meters (docs/METRICS.md, "Calls"): calls started and ended by state, answered,
 * talk time, claim latency, requeued attempts and trunk limit refusals; the gauges of calls in
 * flight per campaign and per trunk, read from the {@link Dispatcher} that owns them, and of each
 * campaign's last-hour ASR and ACD, read from {@link CallFigures}. Labels
 * are the campaign id, the trunk and the number state, never a phone number or a call id.
 *
 * <p>Meters are looked up once per campaign and trunk and kept, so recording a call costs a map
 * read and a few atomic adds. Thread-safe.
 */
public final class CallMeters {

    /** Talk time buckets (seconds): ACD alerts look at the share of calls under 10 s. */
    private static final Duration[] TALK_BUCKETS = seconds(1, 3, 5, 10, 20, 30, 60, 120, 300, 600, 1800);
    /** Claim latency buckets: a claim is one short transaction, so milliseconds. */
    private static final Duration[] CLAIM_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)};

    private final MeterRegistry registry;
    private final Map<String, CampaignTrunk> byCampaignTrunk = new ConcurrentHashMap<>();
    private final Map<String, Counter> byCampaignState = new ConcurrentHashMap<>();
    private final Map<Long, Gauge> inFlightGauges = new ConcurrentHashMap<>();
    private final Map<Long, List<Gauge>> lastHourGauges = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Timer claims;
    private volatile Dispatcher dispatcher;
    private volatile CallFigures figures;
    private volatile InstantSource clock;

    /** The meters of one campaign on one trunk. */
    private record CampaignTrunk(Counter started, Counter answered, Counter requeued, Timer talk) {
    }

    public CallMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.claims = Timer.builder("outdial.claim")
                .description("One claim of numbers to call: the transaction that marks them DIALING")
                .serviceLevelObjectives(CLAIM_BUCKETS)
                .register(registry);
    }

    /** Meters that go nowhere: tests and tools that do not look at them. */
    public static CallMeters none() {
        return new CallMeters(new CompositeMeterRegistry());
    }

    /**
     * Registers the trunks' gauges over the dispatcher that owns calls in flight, and reads each
     * campaign's last-hour ASR and ACD from {@code lastHour} (the dashboard's figures); once, by the dialer.
     */
    void watch(Dispatcher owner, CallFigures lastHour, InstantSource time) {
        this.dispatcher = owner;
        this.figures = lastHour;
        this.clock = time;
        for (Dispatcher.TrunkHealth trunk : owner.health()) {
            String name = trunk.name();
            Gauge.builder("outdial.trunk.calls.in.flight", owner, d -> d.inFlightOn(name))
                    .description("Calls in flight on the trunk, every campaign together")
                    .tag("trunk", name).register(registry);
            Gauge.builder("outdial.trunk.max.calls", owner, d -> d.maxCalls(name))
                    .description("The trunk's max-calls").tag("trunk", name).register(registry);
            Gauge.builder("outdial.trunk.up", owner, d -> d.up(name) ? 1 : 0)
                    .description("1 while the trunk answers, 0 while its breaker holds it down")
                    .tag("trunk", name).register(registry);
        }
    }

    /** A call was started for {@code campaignId} on {@code trunk}. */
    void started(long campaignId, String trunk) {
        of(campaignId, trunk).started().increment();
        Dispatcher owner = dispatcher;
        if (owner != null && !inFlightGauges.containsKey(campaignId)) {
            inFlightGauges.computeIfAbsent(campaignId, id -> {
                String campaign = Long.toString(id);
                CallFigures hour = figures;
                InstantSource time = clock;
                lastHourGauges.put(id, List.of(
                        Gauge.builder("outdial.campaign.asr", hour, f -> ratio(f.of(id, time.instant()).asr()))
                                .baseUnit("ratio").description("Answered over ended calls in the last hour (NaN: none)")
                                .tag("campaign", campaign).register(registry),
                        Gauge.builder("outdial.campaign.acd", hour, f -> seconds(f.of(id, time.instant()).acd()))
                                .baseUnit("seconds").description("Mean talk time of the last hour's answered calls")
                                .tag("campaign", campaign).register(registry)));
                return Gauge.builder("outdial.campaign.calls.in.flight", owner, d -> d.inFlight(id))
                        .description("Calls in flight for the campaign").tag("campaign", campaign).register(registry);
            });
        }
    }

    private static double ratio(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static double seconds(Duration value) {
        return value == null ? Double.NaN : value.toMillis() / 1000.0;
    }

    /** The attempt ended and was recorded with {@code result}; its call went through {@code trunk}. */
    void ended(CallResult result, String trunk) {
        String campaign = Long.toString(result.campaignId());
        byCampaignState.computeIfAbsent(campaign + '/' + result.state(), key -> Counter.builder("outdial.calls.ended")
                .description("Attempts recorded, by the number state they left (outcome)")
                .tags(Tags.of("campaign", campaign, "state", result.state().name()))
                .register(registry)).increment();
        CampaignTrunk meters = of(result.campaignId(), trunk);
        if (result.secondsForClientAnswered() != null) {
            meters.answered().increment();
            // The callee's answered time (the seed's charged seconds), with or without an operator.
            meters.talk().record(Duration.ofSeconds(result.seconds() == null ? 0 : result.seconds()));
        }
    }

    /** The trunk did not answer at all: the number went back to the queue, no attempt used. */
    void requeued(long campaignId, String trunk) {
        of(campaignId, trunk).requeued().increment();
    }

    /** One claim took {@code nanos}. */
    void claimed(long nanos) {
        claims.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A look at a campaign ended with it waiting for {@code trunk}, held by {@code limit}. */
    void refused(String trunk, String limit) {
        refusals.computeIfAbsent(trunk + '/' + limit, key -> Counter.builder("outdial.trunk.limit.refusals")
                .description("Looks at a campaign that left it waiting for the trunk, by the limit that held it")
                .tags("trunk", trunk, "limit", limit).register(registry)).increment();
    }

    /** The campaign is gone: its in-flight gauge goes (its counters stay, as Prometheus expects of counters). */
    void forget(long campaignId) {
        Gauge gauge = inFlightGauges.remove(campaignId);
        if (gauge != null) {
            registry.remove(gauge);
        }
        List<Gauge> hour = lastHourGauges.remove(campaignId);
        if (hour != null) {
            hour.forEach(registry::remove);
        }
    }

    private CampaignTrunk of(long campaignId, String trunk) {
        return byCampaignTrunk.computeIfAbsent(campaignId + "/" + trunk, key -> {
            Tags tags = Tags.of("campaign", Long.toString(campaignId), "trunk", trunk);
            return new CampaignTrunk(
                    Counter.builder("outdial.calls.started").description("Calls the dialer started")
                            .tags(tags).register(registry),
                    Counter.builder("outdial.calls.answered").description("Calls the callee answered (ASR's numerator)")
                            .tags(tags).register(registry),
                    Counter.builder("outdial.calls.requeued")
                            .description("Attempts the trunk did not answer at all, put back in the queue uncounted")
                            .tags(tags).register(registry),
                    Timer.builder("outdial.call.talk").description("Talk time of answered calls (ACD = sum / count)")
                            .serviceLevelObjectives(TALK_BUCKETS).tags(tags).register(registry));
        });
    }

    private static Duration[] seconds(int... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofSeconds(values[i]);
        }
        return buckets;
    }
}
