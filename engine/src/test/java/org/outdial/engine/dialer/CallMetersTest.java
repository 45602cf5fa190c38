package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.DialerModule;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignDrafts;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.campaign.CatalogReferences;
import org.outdial.engine.metrics.CampaignGauges;
import org.outdial.engine.number.NumberService;
import org.outdial.engine.operator.OperatorBoard;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testing.ManualClock;

/**
 * The dialer's meters as a campaign moves them: a real dialer over H2 and the fake telephony,
 * counting into a {@link SimpleMeterRegistry} the test reads.
 */
class CallMetersTest {

    private static final Instant WEDNESDAY_10 = Instant.parse("2026-03-04T08:00:00Z");

    private Database database;
    private ManualClock clock;
    private FakeTelephony telephony;
    private ManualThreads threads;
    private CampaignModule module;
    private DialerModule dialerModule;
    private SimpleMeterRegistry registry;
    private Transactor db;
    private AbandonmentLedger ledger;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(StorageSettings.h2Memory("meters-" + UUID.randomUUID()));
        db = new Transactor(database.dataSource());
        clock = ManualClock.at(WEDNESDAY_10);
        telephony = new FakeTelephony(clock);
        threads = new ManualThreads(clock);
        registry = new SimpleMeterRegistry();
        var ds = database.dataSource();
        AudioLibrary audios = new AudioLibrary(ds, clock, Files.createTempDirectory("meters-audio"));
        TtsProfiles profiles = new TtsProfiles(ds, clock);
        Scenarios scenarios = new Scenarios(ds, clock, java.util.Set.of("test"));
        BlockedLists blocked = new BlockedLists(ds, clock);
        Operators operators = new Operators(ds, clock);
        // Two lines: a campaign of three threads is held by the trunk's max-calls.
        DialerSettings settings = new DialerSettings(Duration.ofSeconds(10), Duration.ofHours(1), List.of(
                new TrunkSettings("test", "127.0.0.1", 5060, "udp", null, null, null, "", 2, 1000)),
                new BreakerSettings(50, Duration.ofSeconds(5), Duration.ofSeconds(1)));
        ledger = AbandonmentLedger.load(db, AbandonmentSettings.DEFAULTS, clock.instant());
        dialerModule = DialerModule.create(db, clock, telephony, settings, new DialerModule.Catalogue(audios, profiles,
                SpeechSynthesizer.unavailable("not in tests"), scenarios), new BlockedListsScreen(blocked),
                WindowAlarms.none(), threads.threads(), OperatorBoard.of(operators, clock), operators, ledger,
                registry);
        module = CampaignModule.create(db, clock, ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                new CatalogReferences(audios, operators, profiles, scenarios, new VoiceRobots(ds, clock),
                        new TriggerActions(ds, clock)), new BlockedListsScreen(blocked), dialerModule.dialer());
    }

    @AfterEach
    void stop() {
        module.close();
        dialerModule.close();
        database.close();
    }

    private long campaign(int threadCount, String... phones) {
        long id = module.campaigns().add(CampaignDrafts.autodial().endDate(LocalDate.of(2026, 12, 31))
                .threadCount(threadCount).build());
        module.numbers().add(id, new NumberService.AddRequest(List.of(phones), null, false, false));
        module.expander().awaitExpanded(id);
        return id;
    }

    private double counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void startsOutcomesAnswersAndTalkTimeAreCountedPerCampaignAndTrunk() {
        telephony.when("380671000001", FakeTelephony.Behaviour.ends(Outcome.BUSY, 486));
        telephony.when("380671000002", FakeTelephony.Behaviour.ends(Outcome.BUSY, 486));
        telephony.otherwise(FakeTelephony.Behaviour.answers(Duration.ofSeconds(7)));
        long id = campaign(3, "380671000001", "380671000002", "380671000003", "380671000004", "380671000005");
        String campaign = Long.toString(id);

        dialerModule.dialer().tick();
        threads.drain(telephony::parkedCount);

        assertEquals(CampaignStatus.FINISHED, module.campaigns().view(id).campaign().status());
        assertEquals(5, counter("outdial.calls.started", "campaign", campaign, "trunk", "test"));
        assertEquals(2, counter("outdial.calls.ended", "campaign", campaign, "state", "BUSY"));
        assertEquals(3, counter("outdial.calls.ended", "campaign", campaign, "state", "ANSW_RJCT"));
        assertEquals(3, counter("outdial.calls.answered", "campaign", campaign, "trunk", "test"));
        Timer talk = registry.find("outdial.call.talk").tags("campaign", campaign).timer();
        assertEquals(3, talk.count());
        assertEquals(21.0, talk.totalTime(java.util.concurrent.TimeUnit.SECONDS), 0.001, "ACD 7 s over 3 calls");
        assertTrue(registry.find("outdial.claim").timer().count() >= 1, "every claim is timed");
        assertEquals(0.6, registry.find("outdial.campaign.asr").tag("campaign", campaign).gauge().value(), 1e-9,
                "the last hour's ASR: 3 answered of 5");
        assertEquals(7.0, registry.find("outdial.campaign.acd").tag("campaign", campaign).gauge().value(), 1e-9);
        assertEquals(0.0, registry.find("outdial.trunk.calls.in.flight").tag("trunk", "test").gauge().value());
        assertEquals(2.0, registry.find("outdial.trunk.max.calls").tag("trunk", "test").gauge().value());
        assertEquals(1.0, registry.find("outdial.trunk.up").tag("trunk", "test").gauge().value());
        for (Meter meter : registry.getMeters()) {
            for (var tag : meter.getId().getTags()) {
                assertTrue(!tag.getValue().startsWith("38067"), "no phone number in a label: " + meter.getId());
            }
        }
    }

    @Test
    void callsInFlightAreReadFromTheDispatcherAndAFullTrunkCountsARefusal() {
        telephony.otherwise(FakeTelephony.Behaviour.silent());
        long id = campaign(3, "380671000001", "380671000002", "380671000003");

        dialerModule.dialer().tick();
        threads.drain(telephony::parkedCount);

        assertEquals(2.0, registry.find("outdial.campaign.calls.in.flight").tag("campaign", Long.toString(id))
                .gauge().value(), "three threads, two lines");
        assertEquals(2.0, registry.find("outdial.trunk.calls.in.flight").tag("trunk", "test").gauge().value());
        double before = counter("outdial.trunk.limit.refusals", "trunk", "test", "limit", "max_calls");
        dialerModule.dialer().changed(id); // a look while both lines talk: the pacer sees no room
        threads.drain(telephony::parkedCount);
        assertEquals(before + 1, counter("outdial.trunk.limit.refusals", "trunk", "test", "limit", "max_calls"));
    }

    @Test
    void numbersByStateComeFromTheStateCountsAtMostOncePerInterval() {
        telephony.otherwise(FakeTelephony.Behaviour.ends(Outcome.BUSY, 486));
        long id = campaign(1, "380671000001", "380671000002");
        CampaignGauges gauges = new CampaignGauges(registry, db, ledger);
        gauges.refresh(clock.instant());
        String campaign = Long.toString(id);
        assertEquals(2.0, registry.find("outdial.numbers").tags("campaign", campaign, "state", "NEW").gauge().value());

        dialerModule.dialer().tick();
        threads.drain(telephony::parkedCount);
        gauges.refresh(clock.instant()); // within the interval: not read again
        assertEquals(2.0, registry.find("outdial.numbers").tags("campaign", campaign, "state", "NEW").gauge().value());
        clock.advance(CampaignGauges.MIN_INTERVAL);
        gauges.refresh(clock.instant());

        assertEquals(0.0, registry.find("outdial.numbers").tags("campaign", campaign, "state", "NEW").gauge().value());
        assertEquals(2.0, registry.find("outdial.numbers").tags("campaign", campaign, "state", "BUSY").gauge().value());
        assertNull(registry.find("outdial.abandonment").tags("campaign", campaign).gauge(),
                "no abandonment figures for a campaign without operators");
    }
}
