package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.DialerModule;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.blocklist.BlockedList;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CatalogReferences;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.CampaignDrafts;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.number.NumberService;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;
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

/** The dialer against a fake telephony and a clock the test moves. */
class DialerTest {

    /** A Wednesday, 10:00 in Kyiv: inside a 09:00-19:00 window. */
    private static final Instant WEDNESDAY_10 = Instant.parse("2026-03-04T08:00:00Z");

    private Database database;
    private Transactor db;
    private ManualClock clock;
    private FakeTelephony telephony;
    private CampaignModule module;
    private Dialer dialer;
    private DialerModule dialerModule;
    private ManualThreads threads;
    private BlockedLists blockedLists;
    private DialingRecovery recovery;

    @BeforeEach
    void start() throws Exception {
        start(1000, new BreakerSettings(2, Duration.ofSeconds(5), Duration.ofSeconds(1)));
    }

    /** Restarts the dialer over a fresh database with one trunk of {@code maxCalls} lines. */
    private void start(int maxCalls, BreakerSettings breaker) throws Exception {
        if (module != null) {
            stop();
        }
        database = Database.open(StorageSettings.h2Memory("dialer-" + UUID.randomUUID()));
        db = new Transactor(database.dataSource());
        clock = ManualClock.at(WEDNESDAY_10);
        telephony = new FakeTelephony(clock);
        threads = new ManualThreads(clock);
        var ds = database.dataSource();
        Path audioDir = Files.createTempDirectory("dialer-audio");
        AudioLibrary audios = new AudioLibrary(ds, clock, audioDir);
        TtsProfiles profiles = new TtsProfiles(ds, clock);
        Scenarios scenarios = new Scenarios(ds, clock, java.util.Set.of("test"));
        blockedLists = new BlockedLists(ds, clock);
        DialerSettings settings = new DialerSettings(Duration.ofSeconds(10), Duration.ofHours(1), List.of(
                new TrunkSettings("test", "127.0.0.1", 5060, "udp", null, null, null, "", maxCalls, 1000)), breaker);
        dialerModule = DialerModule.create(db, clock, telephony, settings, new DialerModule.Catalogue(audios, profiles,
                SpeechSynthesizer.unavailable("not in tests"), scenarios), new BlockedListsScreen(blockedLists),
                WindowAlarms.none(), threads.threads(), org.outdial.engine.operator.OperatorClaims.none(),
                new Operators(ds, clock));
        dialer = dialerModule.dialer();
        module = CampaignModule.create(db, clock, ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                new CatalogReferences(audios, new Operators(ds, clock), profiles, scenarios, new VoiceRobots(ds, clock),
                        new TriggerActions(ds, clock)), new BlockedListsScreen(blockedLists), dialer);
        DialerStorage storage = DialerStorage.over(db);
        recovery = new DialingRecovery(db, storage.campaigns(), storage.numbers(), storage.recorder());
    }

    @AfterEach
    void stop() {
        module.close();
        dialerModule.close();
        database.close();
    }

    /** Runs the dialer until it has nothing left to do but the calls the test keeps up. */
    private void drain() {
        threads.drain(telephony::parkedCount);
    }

    private long campaign(int threads, int callDelay, boolean onlyAnswered,
                          CampaignDraft.RepeatDraft repeat, String... phones) {
        long id = module.campaigns().add(CampaignDrafts.autodial().endDate(LocalDate.of(2026, 12, 31))
                .threadCount(threads).callDelay(Duration.ofSeconds(callDelay)).callDelayOnlyAnswered(onlyAnswered)
                .repeatCallsSettings(repeat).build());
        if (phones.length > 0) {
            module.numbers().add(id, new NumberService.AddRequest(List.of(phones), null, false, false));
            module.expander().awaitExpanded(id); // tests below change number rows directly
        }
        return id;
    }

    private static String[] phones(int count) {
        String[] phones = new String[count];
        for (int i = 0; i < count; i++) {
            phones[i] = "38067" + (1_000_000 + i);
        }
        return phones;
    }

    private CampaignStatus status(long id) {
        return module.campaigns().view(id).campaign().status();
    }

    private long count(long id, NumberState state) {
        return module.campaigns().view(id).statistics().statesCount().getOrDefault(state, 0L);
    }

    private long calls(long id) {
        return rows("call_record", id);
    }

    private List<String> events(long id) {
        return column("SELECT event FROM event_outbox WHERE autodialer_id = ? ORDER BY id", id);
    }

    /** One text column of the rows of one campaign, in order. */
    private List<String> column(String sql, long id) {
        return db.read(c -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            }
            return values;
        });
    }

    /** Drains the dialer, then checks: no waiting on the wall clock, nothing left to happen later. */
    private void await(String what, BooleanSupplier condition) {
        drain();
        if (!condition.getAsBoolean()) {
            throw new AssertionError("after draining the dialer, not: " + what);
        }
    }

    @Test
    void aFixedCampaignCallsEveryNumberOnceAndFinishes() throws Exception {
        long id = campaign(3, 0, false, null, phones(20));

        dialer.tick();

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(20, calls(id));
        assertEquals(20, count(id, NumberState.ANSW_RJCT));
        assertEquals(20, telephony.dialed().size());
        assertEquals(20, telephony.dialed().stream().map(r -> r.number()).distinct().count());
        assertTrue(events(id).contains("AUTODIAL_FINISH"));
        assertEquals(1, module.numbers().get(id, "380671000007").realCalledCount());
    }

    @Test
    void removeDeletesTheNumbersAndCallHistoryOfACampaignThatCalled() throws Exception {
        long id = campaign(3, 0, false, null, phones(10));
        long other = campaign(3, 0, false, null, phones(4));
        dialer.tick();
        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED && status(other) == CampaignStatus.FINISHED);

        module.campaigns().remove(id);

        assertEquals(0, rows("autodial_number", id));
        assertEquals(0, rows("call_record", id));
        assertEquals(4, rows("autodial_number", other));
        assertEquals(4, rows("call_record", other));
    }

    private long rows(String table, long campaignId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE autodialer_id = ?")) {
                ps.setLong(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void pacingNeverExceedsThreadCount() throws Exception {
        telephony.holdCalls(true);
        long id = campaign(5, 0, false, null, phones(23));

        dialer.tick();
        for (int round = 0; round < 10 && status(id) != CampaignStatus.FINISHED; round++) {
            await("calls in flight", () -> telephony.heldCount() > 0 || status(id) == CampaignStatus.FINISHED);
            assertTrue(telephony.heldCount() <= 5, "held " + telephony.heldCount());
            assertEquals(CampaignStatus.IN_PROGRESS, status(id));
            telephony.releaseAll();
            drain();
        }

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(5, telephony.maxConcurrent());
        assertEquals(23, calls(id));
    }

    @Test
    void eachOutcomeLeavesTheNumberInItsSeedState() throws Exception {
        telephony.when("380671000000", FakeTelephony.Behaviour.ends(Outcome.BUSY, 486))
                .when("380671000001", FakeTelephony.Behaviour.ends(Outcome.NO_ANSWER, 487))
                .when("380671000002", FakeTelephony.Behaviour.ends(Outcome.NOT_EXIST, 404))
                .when("380671000003", FakeTelephony.Behaviour.ends(Outcome.CONGESTION, 503))
                .when("380671000004", FakeTelephony.Behaviour.ends(Outcome.WRONG_DIRECTION, 403))
                .when("380671000005", FakeTelephony.Behaviour.ends(Outcome.FAILED, 500))
                .when("380671000006", FakeTelephony.Behaviour.ends(Outcome.REJECTED, 603));
        long id = campaign(10, 0, false, null, phones(8));

        dialer.tick();

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(NumberState.BUSY, module.numbers().get(id, "380671000000").state());
        assertEquals(NumberState.NOANSWER, module.numbers().get(id, "380671000001").state());
        assertEquals(NumberState.NOT_EXIST, module.numbers().get(id, "380671000002").state());
        assertEquals(NumberState.BUSYOUT, module.numbers().get(id, "380671000003").state());
        assertEquals(NumberState.WRONG_DIR, module.numbers().get(id, "380671000004").state());
        assertEquals(NumberState.FAIL, module.numbers().get(id, "380671000005").state());
        assertEquals(NumberState.BUSY, module.numbers().get(id, "380671000006").state());
        assertEquals(NumberState.ANSW_RJCT, module.numbers().get(id, "380671000007").state());
        assertTrue(events(id).containsAll(List.of("AUTODIAL_BUSY", "AUTODIAL_NOANSWER", "AUTODIAL_BUSYOUT",
                "AUTODIAL_ANSW_RJCT", "AUTODIAL_CALL_FAIL")));
    }

    @Test
    void retriesHappenAfterTheirIntervalAndStopWhenAttemptsRunOut() throws Exception {
        telephony.otherwise(FakeTelephony.Behaviour.ends(Outcome.NO_ANSWER, 487));
        long id = campaign(2, 0, false, CampaignDrafts.repeat(NumberState.NOANSWER, 2, Duration.ofMinutes(5)), "380671234567");

        dialer.tick();
        await("first call recorded", () -> calls(id) == 1);
        await("waiting for the repeat", () -> status(id) == CampaignStatus.WAITING_REPEAT);
        dialer.tick();
        drain();
        assertEquals(1, calls(id), "the repeat is not due before its interval");

        clock.advance(Duration.ofMinutes(6)); // the interval runs from the call's end
        dialer.tick();
        await("second call", () -> calls(id) == 2);
        clock.advance(Duration.ofMinutes(6));
        dialer.tick();
        await("third call", () -> calls(id) == 3);
        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);

        clock.advance(Duration.ofMinutes(30));
        dialer.tick();
        drain();
        assertEquals(3, calls(id), "two repeats, then no more");
        assertEquals(3, module.numbers().get(id, "380671234567").realCalledCount());
        assertTrue(events(id).contains("AUTODIAL_REPEAT_ATTEMPTS_ENDED"));
    }

    @Test
    void pauseStopsNewCallsLetsCallsInFlightFinishAndUnpauseResumes() throws Exception {
        telephony.holdCalls(true);
        long id = campaign(2, 0, false, null, phones(6));
        dialer.tick();
        await("two calls in flight", () -> telephony.heldCount() == 2);

        module.campaigns().pause(id);
        telephony.releaseAll();
        await("calls in flight recorded", () -> calls(id) == 2);
        dialer.tick();
        drain();
        assertEquals(2, telephony.dialed().size(), "no new call while paused");
        assertEquals(CampaignStatus.PAUSED, status(id));

        telephony.holdCalls(false);
        module.campaigns().unpause(id);
        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(6, calls(id));
    }

    @Test
    void cancelWaitsInCanceledForCallsInFlightThenFinishes() throws Exception {
        telephony.holdCalls(true);
        long id = campaign(2, 0, false, null, phones(6));
        dialer.tick();
        await("two calls in flight", () -> telephony.heldCount() == 2);

        module.campaigns().cancel(id);
        assertEquals(CampaignStatus.CANCELED, status(id));
        assertEquals(4, count(id, NumberState.CANCEL));
        telephony.releaseAll();

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(2, calls(id));
        assertEquals(2, telephony.dialed().size());
    }

    @Test
    void withOneThreadTheCallDelayPassesBetweenCalls() throws Exception {
        long id = campaign(1, 30, false, null, phones(2));

        dialer.tick();
        await("first call", () -> calls(id) == 1);
        dialer.tick();
        drain();
        assertEquals(1, telephony.dialed().size(), "the second call waits for callDelay");

        clock.advance(Duration.ofSeconds(31));
        dialer.tick();
        await("second call", () -> calls(id) == 2);
    }

    @Test
    void outsideTheCallingWindowNothingIsDialed() throws Exception {
        clock.advance(Duration.ofHours(10)); // 20:00 in Kyiv
        long id = campaign(3, 0, false, null, phones(3));

        dialer.tick();
        drain();

        assertEquals(0, telephony.dialed().size());
        assertEquals(CampaignStatus.WAITING, status(id));
        clock.advance(Duration.ofHours(13)); // 09:00 next day
        dialer.tick();
        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
    }

    @Test
    void whenTheEndDatePassesTheRemainingNumbersAreAutocanceledAndTheAutodialerFinishes() throws Exception {
        clock.advance(Duration.ofHours(21)); // Thursday 07:00, before the window: nothing is called yet
        long id = campaign(2, 0, false, null, phones(4));
        clock.advance(Duration.ofDays(302)); // 2027-01-01: after endDate 2026-12-31

        dialer.tick();

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(4, count(id, NumberState.AUTOCANCEL));
        assertEquals(0, telephony.dialed().size());
        assertTrue(events(id).containsAll(List.of("AUTODIAL_AUTOCANCEL", "AUTODIAL_FINISH")));
    }

    @Test
    void blockedNumbersBecomeBlockedWithoutACall() throws Exception {
        blockedLists.add(BlockedList.BLOCKED_PHONES, List.of("380671000001"));
        long id = campaign(3, 0, false, null, phones(3));

        dialer.tick();

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(NumberState.BLOCKED, module.numbers().get(id, "380671000001").state());
        assertEquals(2, telephony.dialed().size());
        assertTrue(events(id).contains("AUTODIAL_NUMBER_BLOCKED"));
    }

    @Test
    void highPriorityNumbersAreCalledFirst() throws Exception {
        clock.advance(Duration.ofHours(21)); // Thursday 07:00 in Kyiv: numbers are loaded before the window opens
        long id = campaign(1, 0, false, null, phones(3));
        module.numbers().add(id, new NumberService.AddRequest(List.of("380501112233"), null, true, false));
        clock.advance(Duration.ofHours(3));

        dialer.tick(); // the high-priority number may still be a staged chunk: the dialer then waits for it
        module.expander().awaitExpanded(id);
        dialer.changed(id); // as the expander does once its commit is in, which can come after the wait returns

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals("380501112233", telephony.dialed().getFirst().number());
        assertEquals("380671000000", telephony.dialed().get(1).number());
    }

    @Test
    void recoveryResolvesNumbersLeftDialingExactlyOnceAndAppliesRetryRules() throws Exception {
        clock.advance(Duration.ofHours(10)); // outside the window: only recovery touches the numbers
        long id = campaign(2, 0, false, CampaignDrafts.repeat(NumberState.FAIL, 1, Duration.ofMinutes(10)), "380671234567", "380671234568");
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE autodial_number SET state = 'DIALING' WHERE autodialer_id = ? AND phone = '380671234567'")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            new StateCounts().move(c, id, NumberState.NEW, NumberState.DIALING, 1);
            return null;
        });

        assertEquals(1, recovery.recover(clock.instant()));
        assertEquals(0, recovery.recover(clock.instant()));

        var number = module.numbers().get(id, "380671234567");
        assertEquals(NumberState.FAIL, number.state());
        assertTrue(number.nextAttemptAt() != null, "the FAIL retry rule applies");
        assertEquals(1, calls(id));
        assertEquals(0, count(id, NumberState.DIALING));
    }

    private List<String> details(long id) {
        return column("SELECT detail FROM call_record WHERE autodialer_id = ? ORDER BY id", id);
    }

    @Test
    void aLineFreedByOneCampaignStartsAnotherCampaignsWaitingCallWithoutATick() throws Exception {
        start(1, new BreakerSettings(2, Duration.ofSeconds(5), Duration.ofSeconds(1)));
        telephony.holdCalls(true);
        long a = campaign(1, 0, false, null, "380671110001");
        long b = campaign(1, 0, false, null, "380672220002");
        dialer.changed(a);
        dialer.changed(b);
        await("A's call holds the trunk's one line", () -> telephony.heldCount() == 1);
        assertEquals("380671110001", telephony.dialed().getFirst().number());
        assertEquals(0, dialer.inFlight(b), "B waits for the line");

        telephony.releaseAll(); // A's call ends; nothing ticks

        await("B's call starts on the freed line", () -> telephony.heldCount() == 1);
        assertEquals("380672220002", telephony.dialed().get(1).number());
        telephony.releaseAll();
        await("both FINISHED", () -> status(a) == CampaignStatus.FINISHED && status(b) == CampaignStatus.FINISHED);
    }

    @Test
    void aCallThatNeverEndsIsResolvedOnceAfterItsCapAndItsCampaignFinishes() throws Exception {
        telephony.when("380671000000", FakeTelephony.Behaviour.silent());
        long id = campaign(2, 0, false, CampaignDrafts.repeat(NumberState.FAIL, 1, Duration.ofMinutes(10)), phones(3));

        dialer.tick();
        await("the other two are recorded", () -> calls(id) == 2);
        assertEquals(1, dialer.inFlight(id), "the silent call is still up");
        assertEquals(NumberState.DIALING, module.numbers().get(id, "380671000000").state());

        clock.advance(Duration.ofSeconds(10).plus(Duration.ofHours(1)).plus(Dialer.CALL_CAP_MARGIN));
        await("the silent call is resolved", () -> calls(id) == 3);
        var number = module.numbers().get(id, "380671000000");
        assertEquals(NumberState.FAIL, number.state());
        assertTrue(number.nextAttemptAt() != null, "the FAIL retry rule applies");
        assertTrue(details(id).stream().anyMatch(d -> d != null && d.startsWith("no outcome within")), details(id).toString());
        assertEquals(0, dialer.inFlight(id));

        telephony.when("380671000000", FakeTelephony.Behaviour.answers(Duration.ofSeconds(1)));
        clock.advance(Duration.ofMinutes(11));
        dialer.tick();
        await("FINISHED after the repeat", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(4, calls(id), "resolved exactly once, then one repeat");
    }

    @Test
    void aFlowThatThrowsIsRecordedAsFailAndItsCampaignFinishes() throws Exception {
        telephony.when("380671000001", FakeTelephony.Behaviour.throwsOnDial());
        long id = campaign(2, 0, false, null, phones(3));

        dialer.tick();

        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(3, calls(id));
        assertEquals(NumberState.FAIL, module.numbers().get(id, "380671000001").state());
        assertTrue(details(id).stream().anyMatch(d -> d != null && d.startsWith("the call flow failed")), details(id).toString());
    }

    @Test
    void aTrunkThatNeverAnswersBurnsNoNumberGoesDownAndIsUsedAgainOnceItAnswersOptions() throws Exception {
        telephony.otherwise(FakeTelephony.Behaviour.noResponse());
        telephony.probeAnswers(null);
        long id = campaign(3, 0, false, null, phones(6));

        dialer.tick();
        drain();
        int dialedWhileUp = telephony.dialed().size();
        assertTrue(dialedWhileUp >= 2 && dialedWhileUp <= 4, "two failures take it down; 3 threads: " + dialedWhileUp);
        assertEquals(6, count(id, NumberState.NEW), "no number used up an attempt");
        assertEquals(0, module.numbers().get(id, "380671000000").calledCount());
        assertEquals(dialedWhileUp, calls(id), "each INVITE has its call record");
        assertTrue(details(id).getFirst().startsWith("trunk test did not answer (Q.850 102)"), details(id).getFirst());
        assertEquals(1, events(id).stream().filter("AUTODIAL_TRUNK_DOWN"::equals).count());
        assertFalse(events(id).contains("AUTODIAL_CALL_FAIL"), "a dead trunk is not the callee's failure");
        assertTrue(dialer.of(module.campaigns().view(id).campaign()).orElseThrow().startsWith("trunk test has not answered"));
        assertFalse(dialer.dispatcher().health().getFirst().up());

        dialer.tick();
        clock.advance(Duration.ofSeconds(5)); // the first probe: no answer
        await("one probe sent", () -> telephony.probes() == 1);
        dialer.tick();
        drain();
        assertEquals(dialedWhileUp, telephony.dialed().size(), "no call while the trunk is down");

        telephony.otherwise(FakeTelephony.Behaviour.answers(Duration.ofSeconds(2)));
        telephony.probeAnswers(200);
        clock.advance(Duration.ofSeconds(5)); // the second probe is answered: the trunk is up and campaigns wake
        await("FINISHED", () -> status(id) == CampaignStatus.FINISHED);
        assertEquals(6, count(id, NumberState.ANSW_RJCT), "every number ends in the callee's real outcome");
        assertEquals(1, module.numbers().get(id, "380671000000").realCalledCount());
        assertTrue(dialer.dispatcher().health().getFirst().up());
        assertTrue(dialer.of(module.campaigns().view(id).campaign()).isEmpty());
    }
}
