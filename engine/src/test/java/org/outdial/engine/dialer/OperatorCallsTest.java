package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.DialerModule;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioType;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.CampaignDrafts;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.campaign.CatalogReferences;
import org.outdial.engine.history.CallHistoryService;
import org.outdial.engine.number.NumberDraft;
import org.outdial.engine.number.NumberService;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.GroupType;
import org.outdial.engine.operator.InnerPhone;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.InAction;
import org.outdial.engine.scenario.InScenario;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.audio.TestWav;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.sip.call.LineCall;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testing.ManualClock;

/**
 * Answered calls connected to operators: the dialer and its flows against a fake telephony whose
 * operator lines answer, refuse or ring out, and fake operator claims the test makes ready.
 */
class OperatorCallsTest {

    /** A Wednesday, 10:00 in Kyiv: inside a 09:00-19:00 window. */
    private static final Instant WEDNESDAY_10 = Instant.parse("2026-03-04T08:00:00Z");
    private static final String CALLEE = "380671234567";
    /** Short, so the test of a callee nobody takes waits a fraction of a second of real time. */
    private static final Duration WAIT_LIMIT = Duration.ofMillis(300);

    private Database database;
    private Transactor db;
    private ManualClock clock;
    private FakeTelephony telephony;
    private FakeOperators operators;
    private Operators lines;
    private Scenarios scenarios;
    private AudioLibrary audios;
    private CampaignModule module;
    private DialerModule dialerModule;
    private Dialer dialer;
    private ManualThreads threads;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(StorageSettings.h2Memory("operators-" + UUID.randomUUID()));
        db = new Transactor(database.dataSource());
        clock = ManualClock.at(WEDNESDAY_10);
        telephony = new FakeTelephony(clock);
        operators = new FakeOperators();
        threads = new ManualThreads(clock);
        var ds = database.dataSource();
        Path audioDir = Files.createTempDirectory("operator-audio");
        audios = new AudioLibrary(ds, clock, audioDir);
        TtsProfiles profiles = new TtsProfiles(ds, clock);
        scenarios = new Scenarios(ds, clock, Set.of("test"));
        lines = new Operators(ds, clock);
        for (String line : List.of("2001", "2002", "2003", "3001")) {
            lines.addPhone(new InnerPhone(line, "secret-" + line, "Operator", line));
        }
        BlockedLists blockedLists = new BlockedLists(ds, clock);
        DialerSettings settings = new DialerSettings(Duration.ofSeconds(10), Duration.ofHours(1), List.of(
                new TrunkSettings("test", "127.0.0.1", 5060, "udp", null, null, null, "", 100, 1000)),
                BreakerSettings.DEFAULTS, Duration.ofSeconds(20), WAIT_LIMIT);
        dialerModule = DialerModule.create(db, clock, telephony, settings, new DialerModule.Catalogue(audios, profiles,
                SpeechSynthesizer.unavailable("not in tests"), scenarios), new BlockedListsScreen(blockedLists),
                WindowAlarms.none(), threads.threads(), operators, lines);
        dialer = dialerModule.dialer();
        module = CampaignModule.create(db, clock, ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                new CatalogReferences(audios, lines, profiles, scenarios, new VoiceRobots(ds, clock),
                        new TriggerActions(ds, clock)), new BlockedListsScreen(blockedLists), dialer);
    }

    @AfterEach
    void stop() {
        module.close();
        dialerModule.close();
        database.close();
    }

    // ---- campaigns

    /** A GUARANTEED_DIAL in FIXED mode, one thread, over {@code operatorLines}, calling {@link #CALLEE}. */
    private long guaranteed(String... operatorLines) {
        long id = module.campaigns().add(CampaignDrafts.guaranteedDial(operatorLines)
                .autodialerMode(CampaignMode.FIXED).threadCount(1).build());
        addCallee(id);
        return id;
    }

    /** An AUTODIAL whose incoming scenario transfers to a group of {@code groupLines}. */
    private long transferring(String... groupLines) {
        long group = lines.addGroup("g-" + UUID.randomUUID().toString().substring(0, 8), GroupType.INNER_PHONES);
        for (String line : groupLines) {
            lines.addMember(group, line);
        }
        long scenario = scenarios.addIn(new InScenario(0, "s-" + UUID.randomUUID().toString().substring(0, 8),
                InAction.TRANSFER_TO_GROUP, group));
        long id = module.campaigns().add(CampaignDrafts.autodial().scenarioId(scenario).build());
        addCallee(id);
        return id;
    }

    private void addCallee(long id) {
        module.numbers().add(id, new NumberService.AddRequest(null, List.of(new NumberDraft(CALLEE, "Ivan Petrenko",
                null, null, null, null)), false, false));
        module.expander().awaitExpanded(id);
    }

    private void runToTheEnd(long id) {
        dialer.tick();
        drain();
        assertEquals(CampaignStatus.FINISHED, status(id));
        assertEquals(0, operators.openClaims(), "every claim ended: " + operators.log());
        assertEquals(0, telephony.liveCalls(), "both legs hung up");
    }

    private void drain() {
        threads.drain(telephony::parkedCount);
    }

    private CampaignStatus status(long id) {
        return module.campaigns().view(id).campaign().status();
    }

    private NumberState state(long id) {
        return module.numbers().get(id, CALLEE).state();
    }

    /** The campaign's only call record, by column. */
    private Map<String, Object> record(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, operator_number, seconds, seconds_talk, "
                    + "seconds_client_wait_operator, seconds_operator_wait_call, seconds_for_operator_answered, "
                    + "hangup_by, detail FROM call_record WHERE autodialer_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "a call record");
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                    }
                    assertFalse(rs.next(), "one call record");
                    return row;
                }
            }
        });
    }

    private List<String> events(long id) {
        return db.read(c -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event FROM event_outbox WHERE autodialer_id = ? ORDER BY id")) {
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

    // ---- GUARANTEED_DIAL

    @Test
    void anAnsweredCalleeIsBridgedToTheReservedOperatorAndTheRecordNamesThem() {
        operators.ready("2001");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(3), Duration.ofSeconds(40)));
        long id = guaranteed("2001", "2002");

        runToTheEnd(id);

        assertEquals(List.of(new FakeTelephony.Bridge(CALLEE, "2001")), telephony.bridges());
        assertEquals(NumberState.ANSWER, state(id));
        Map<String, Object> r = record(id);
        assertEquals("ANSWER", r.get("state"));
        assertEquals("2001", r.get("operator_number"));
        assertEquals(40, r.get("seconds_talk"), "the bridged talk");
        assertEquals(3, r.get("seconds_for_operator_answered"), "INVITE to the operator's answer");
        assertEquals(3, r.get("seconds_client_wait_operator"), "the callee's answer to the operator's answer");
        assertNull(r.get("seconds_operator_wait_call"), "the operator's first call since the start");
        assertEquals("operator", r.get("hangup_by"));
        assertTrue(events(id).contains("AUTODIAL_ANSWER"), events(id).toString());
        assertEquals(List.of("claim 2001", "answered 2001", "talkEnded 2001"), operators.log());
        assertEquals(Duration.ofSeconds(40), operators.talks().getFirst());
    }

    @Test
    void theCalleeHearsTheCampaignsMohWhileTheOperatorIsRung() {
        long moh = audios.upload("waiting", AudioType.MELODY, TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(
                org.outdial.media.audio.AudioSource.tone(440, Duration.ofSeconds(3), 0.25).samples())), false);
        operators.ready("2001");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        long id = module.campaigns().add(CampaignDrafts.guaranteedDial("2001").autodialerMode(CampaignMode.FIXED)
                .threadCount(1).moh(moh).build());
        addCallee(id);

        runToTheEnd(id);

        assertEquals(1, telephony.plays().size(), telephony.plays().toString());
        assertFalse(telephony.plays().getFirst().contains("tone 425"), "the moh, not the default tone: "
                + telephony.plays());
    }

    @Test
    void aNumbersOwnAudioIsPlayedOnAnswerBeforeTheOperatorIsRung() {
        long own = audios.upload("offer", AudioType.MELODY, TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(
                org.outdial.media.audio.AudioSource.tone(660, Duration.ofSeconds(2), 0.25).samples())), false);
        operators.ready("2001");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        long id = module.campaigns().add(CampaignDrafts.guaranteedDial("2001").autodialerMode(CampaignMode.FIXED)
                .threadCount(1).build());
        module.numbers().add(id, new NumberService.AddRequest(null, List.of(new NumberDraft(CALLEE, null, null, null,
                null, List.of(new NumberDraft.AudioDraft(own, null)))), false, false));
        module.expander().awaitExpanded(id);

        runToTheEnd(id);

        assertEquals(2, telephony.plays().size(), telephony.plays().toString());
        assertFalse(telephony.plays().getFirst().contains("tone 425"), "the number's audio first");
        assertTrue(telephony.plays().get(1).contains("tone 425"), "then the hold tone while the operator is rung");
        assertEquals(NumberState.ANSWER, state(id));
    }

    @Test
    void theOperatorIsOfferedTheCallerWithTheCalleesNumberNameAndCampaign() {
        operators.ready("2001");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        long id = guaranteed("2001");

        runToTheEnd(id);

        LineCall offer = telephony.lineCalls().getFirst();
        assertEquals("2001", offer.line());
        assertEquals(CALLEE, offer.callerId());
        assertEquals("Ivan Petrenko", offer.callerName());
        assertEquals(Duration.ofSeconds(20), offer.ringTimeout());
        assertEquals(Map.of(OperatorConnect.CAMPAIGN_HEADER, module.campaigns().view(id).campaign().name(),
                OperatorConnect.CAMPAIGN_ID_HEADER, Long.toString(id),
                OperatorConnect.NUMBER_NAME_HEADER, "Ivan Petrenko"), offer.headers());
    }

    @Test
    void withNobodyReadyTheNumberIsNotDialedAndTheCampaignWaitsForOperatorsUntilOneIsReady() {
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(2), Duration.ofSeconds(10)));
        long id = guaranteed("2001");

        dialer.tick();
        drain();

        assertEquals(0, telephony.dialed().size(), "no call while nobody could take it");
        assertEquals(CampaignStatus.WAITING_OPERATORS, status(id));
        assertEquals(NumberState.NEW, state(id));
        assertEquals(0, module.numbers().get(id, CALLEE).calledCount(), "no attempt used");

        operators.ready("2001"); // no tick: the readiness wakes the campaign

        drain();
        assertEquals(1, telephony.dialed().size());
        assertEquals(NumberState.ANSWER, state(id));
        assertEquals(CampaignStatus.FINISHED, status(id));
        assertTrue(events(id).contains("AUTODIAL_STATUS_CHANGED"));
    }

    @Test
    void anUnansweredCalleeGivesTheReservedOperatorBackWithoutRingingThem() {
        operators.ready("2001");
        telephony.when(CALLEE, FakeTelephony.Behaviour.ends(Outcome.NO_ANSWER, 487));
        long id = guaranteed("2001");

        runToTheEnd(id);

        assertEquals(NumberState.NOANSWER, state(id));
        assertEquals(List.of("claim 2001", "released 2001"), operators.log());
        assertTrue(telephony.lineCalls().isEmpty());
        assertNull(record(id).get("operator_number"));
    }

    @Test
    void aReservedOperatorWhoDoesNotAnswerIsSkippedForTheNextFreeOne() {
        operators.ready("2001", "2002");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.ringsOut())
                .whenLine("2002", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(2), Duration.ofSeconds(30)));
        long id = guaranteed("2001", "2002");

        runToTheEnd(id);

        assertEquals(List.of("claim 2001", "refused 2001 NO_ANSWER", "claim 2002", "answered 2002",
                "talkEnded 2002"), operators.log());
        assertEquals(List.of(new FakeTelephony.Bridge(CALLEE, "2002")), telephony.bridges());
        Map<String, Object> r = record(id);
        assertEquals("ANSWER", r.get("state"));
        assertEquals("2002", r.get("operator_number"));
        assertEquals(22, r.get("seconds_client_wait_operator"), "20 s ringing 2001, 2 s until 2002 answered");
    }

    @Test
    void whenNoOperatorTakesTheCallItEndsAnswOpNaAndNeverAnswNfOp() {
        operators.ready("2001", "2002");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.declines())
                .whenLine("2002", FakeTelephony.LineBehaviour.busy());
        long id = guaranteed("2001", "2002");

        runToTheEnd(id);

        assertEquals(NumberState.ANSW_OP_NA, state(id));
        assertEquals(List.of("claim 2001", "refused 2001 DECLINED", "claim 2002", "refused 2002 BUSY"),
                operators.log());
        assertTrue(telephony.bridges().isEmpty());
        Map<String, Object> r = record(id);
        assertEquals("2002", r.get("operator_number"), "the last operator offered the call");
        assertEquals("outdial", r.get("hangup_by"));
        assertTrue(events(id).contains("AUTODIAL_ANSW_OP_NA"));
        assertFalse(events(id).contains("AUTODIAL_ANSW_NF_OP"));
    }

    @Test
    void aReservedOperatorWhoRefusesWithNobodyElseFreeEndsAnswOpNaAndIsNotOfferedTheCallAgain() {
        operators.ready("2001"); // ready again at once after declining: still not rung twice for one call
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.declines());
        long id = guaranteed("2001", "2002");

        runToTheEnd(id);

        assertEquals(NumberState.ANSW_OP_NA, state(id));
        assertEquals(1, telephony.lineCalls().size(), telephony.lineCalls().toString());
        assertTrue(((String) record(id).get("detail")).startsWith("no operator took the call within"));
    }

    @Test
    void aGuaranteedDialStartsNoMoreCallsThanThereAreReadyOperators() {
        telephony.holdCalls(true);
        operators.ready("2001", "2002");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(9)))
                .whenLine("2002", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(9)));
        long id = module.campaigns().add(CampaignDrafts.guaranteedDial("2001", "2002")
                .autodialerMode(CampaignMode.FIXED).threadCount(3).build());
        module.numbers().add(id, new NumberService.AddRequest(List.of("380671000001", "380671000002",
                "380671000003", "380671000004", "380671000005"), null, false, false));
        module.expander().awaitExpanded(id);

        dialer.tick();
        drain();
        assertEquals(2, telephony.heldCount(), "one call per ready operator");
        for (int round = 0; round < 10 && status(id) != CampaignStatus.FINISHED; round++) {
            drain();
            assertTrue(telephony.heldCount() <= 2, "three threads, two operators: " + telephony.heldCount());
            telephony.releaseAll();
            drain();
        }

        assertEquals(CampaignStatus.FINISHED, status(id));
        assertEquals(5, telephony.dialed().size());
        assertEquals(5, telephony.bridges().size());
        assertEquals(0, operators.openClaims());
    }

    @Test
    void aCalleeWhoHangsUpEndsTheOperatorsLegAndTheRecordSaysTheCalleeHungUp() {
        operators.ready("2001");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answersAndStays(Duration.ofSeconds(1)))
                .calleeHangsUpWhenBridged(CALLEE);
        long id = guaranteed("2001");

        runToTheEnd(id); // asserts that both legs are down

        Map<String, Object> r = record(id);
        assertEquals("ANSWER", r.get("state"));
        assertEquals("callee", r.get("hangup_by"));
    }

    @Test
    void theOperatorsIdleTimeBeforeACallIsCountedFromTheirLastCall() {
        operators.ready("2001");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        long first = guaranteed("2001");
        runToTheEnd(first);

        clock.advance(Duration.ofSeconds(25));
        long second = guaranteed("2001");
        runToTheEnd(second);

        assertEquals(25, record(second).get("seconds_operator_wait_call"));
    }

    // ---- AUTODIAL with TRANSFER_TO_GROUP

    @Test
    void aTransferToGroupConnectsTheCalleeAfterTheAudioToAFreeOperatorOfThatGroup() {
        operators.ready("2001", "3001"); // 2001 is not in the group
        telephony.whenLine("3001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(2), Duration.ofSeconds(15)));
        long id = transferring("3001");

        runToTheEnd(id);

        assertEquals(List.of(new FakeTelephony.Bridge(CALLEE, "3001")), telephony.bridges());
        assertEquals(NumberState.ANSWER, state(id));
        assertEquals("3001", record(id).get("operator_number"));
        assertTrue(telephony.plays().getFirst().startsWith("silence 200 ms"), "the campaign's audio first: "
                + telephony.plays());
    }

    @Test
    void whenNobodyIsFreeWithinTheWaitLimitTheCallEndsAnswNfOp() {
        long id = transferring("3001");

        runToTheEnd(id);

        assertEquals(NumberState.ANSW_NF_OP, state(id));
        Map<String, Object> r = record(id);
        assertNull(r.get("operator_number"));
        assertEquals("outdial", r.get("hangup_by"));
        assertTrue(((String) r.get("detail")).startsWith("no operator took the call"), (String) r.get("detail"));
        assertTrue(events(id).contains("AUTODIAL_ANSW_NF_OP"));
        assertTrue(telephony.lineCalls().isEmpty());
        assertTrue(telephony.plays().stream().anyMatch(p -> p.contains("tone 425.0 Hz")),
                "the default hold tone while waiting: " + telephony.plays());
    }

    @Test
    void aCalleeWhoHangsUpWhileWaitingEndsTheWaitAndTheRecordSaysSo() {
        operators.whenNoneFree(() -> telephony.calleeHangsUp(CALLEE));
        long id = transferring("3001");

        runToTheEnd(id);

        assertEquals(NumberState.ANSW_NF_OP, state(id));
        Map<String, Object> r = record(id);
        assertEquals("callee", r.get("hangup_by"));
        assertEquals("the callee hung up while waiting for an operator", r.get("detail"));
    }

    @Test
    void operatorAnsweredCallsAreWhatTheHistoryFiltersByOperatorNumber() {
        operators.ready("3001");
        telephony.whenLine("3001", FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        long id = transferring("3001");
        runToTheEnd(id);

        assertEquals(1, history(id, "30-01").count(), "third-party characters removed, then exact");
        assertEquals(0, history(id, "300").count(), "exact, not a part");
        assertEquals("3001", history(id, "3001").items().getFirst().operatorNumber());
    }

    private CallHistoryService.Page history(long id, String operatorNumber) {
        return module.history().query(id, new CallHistoryService.Request(null, null, null, null, null, null, null,
                operatorNumber, null, null, null, null, null, null, null));
    }

    @Test
    void aCallDelayOnlyAfterAnsweredCallsCountsCallsAnOperatorTook() {
        operators.ready("2001");
        telephony.whenLine("2001", FakeTelephony.LineBehaviour.declines());
        long id = module.campaigns().add(CampaignDrafts.guaranteedDial("2001").autodialerMode(CampaignMode.FIXED)
                .threadCount(1).callDelay(Duration.ofSeconds(30)).callDelayOnlyAnswered(true).build());
        module.numbers().add(id, new NumberService.AddRequest(List.of(CALLEE, "380671234568"), null, false, false));
        module.expander().awaitExpanded(id);

        dialer.tick();
        drain();
        dialer.tick();
        drain();

        // The callee answered both, but no operator took the first: no pause before the second.
        assertEquals(2, telephony.dialed().size());
        assertEquals(NumberState.ANSW_OP_NA, module.numbers().get(id, "380671234568").state());
    }
}
