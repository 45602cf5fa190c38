package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioType;
import org.outdial.engine.call.SingleCallAudios;
import org.outdial.engine.call.SingleCallFlow;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallSource;
import org.outdial.engine.history.ProjectCall;
import org.outdial.engine.history.ProjectHistoryRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.audio.AudioCache;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testing.ManualClock;

/**
 * The engine's single calls over a fake telephony and fake operator claims, each call run on the
 * caller's thread (an inline executor), so that its record exists when {@code originate} or
 * {@code direct} returns: trunk capacity shared with campaigns, the operator first then the
 * number, an operator who does not take the call, and the record every history reads.
 */
class SingleCallsTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");
    private static final String LINE = "2101";

    private Database database;
    private Transactor db;
    private ManualClock clock;
    private FakeTelephony telephony;
    private FakeOperators operators;
    private Dispatcher dispatcher;
    private SingleCalls calls;
    private long apiAudio;
    private final ProjectHistoryRepository history = new ProjectHistoryRepository();

    @BeforeEach
    void start() throws Exception {
        database = Database.open(StorageSettings.h2Memory("single-" + UUID.randomUUID()));
        db = new Transactor(database.dataSource());
        clock = ManualClock.at(T0);
        telephony = new FakeTelephony(clock);
        operators = new FakeOperators();
        AudioLibrary audios = new AudioLibrary(database.dataSource(), clock, Files.createTempDirectory("single-audio"));
        apiAudio = audios.upload("greeting", AudioType.API, wav(), false);
        TtsProfiles profiles = new TtsProfiles(database.dataSource(), clock);
        // One line on the trunk: a campaign's call and a single call cannot both be up.
        DialerSettings settings = new DialerSettings(Duration.ofSeconds(10), Duration.ofHours(1), List.of(
                new TrunkSettings("test", "127.0.0.1", 5060, "udp", null, null, null, "", 1, 1000)),
                BreakerSettings.DEFAULTS);
        dispatcher = new Dispatcher(settings.trunks(), settings.breaker(), id -> { });
        CallAudio audio = new CallAudio(audios, new AudioCache(1 << 20), SpeechSynthesizer.unavailable("not in tests"),
                profiles);
        calls = new SingleCalls(new SingleCallFlow(telephony, dispatcher, operators, settings, db,
                new CallHistoryRepository(), clock), dispatcher, operators, LINE::equals, audio,
                new SingleCallAudios(audios, profiles), settings.trunkNames(), Runnable::run, clock, 20);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aSingleCallTakesItsLineFromTheSameTrunkCapacityAsTheCampaigns() {
        Dispatcher.Line campaigns = dispatcher.acquire(7, "test", 1, T0).getFirst();
        EngineException refused = assertThrows(EngineException.class, this::originate);
        assertEquals(SingleCalls.LIMIT, refused.getMessage());
        assertEquals(List.of(), telephony.dialed(), "nothing was dialed");

        dispatcher.release(campaigns, null, T0);
        long id = originate();
        ProjectCall call = record(id);
        assertEquals(CallSource.API, call.source());
        assertEquals(NumberState.ANSW_RJCT, call.record().state(), "answered, played, hung up: " + call);
        assertEquals("test", call.trunk());
        assertEquals(0, call.record().campaignId(), "no autodialer");
        assertEquals(0, dispatcher.inFlight(), "the line is given back once the call is recorded");
        assertEquals(1, telephony.plays().size(), "the audio was played");
    }

    @Test
    void directRingsTheOperatorFirstThenTheNumberAndBridgesThem() {
        operators.ready(LINE);
        telephony.whenLine(LINE, FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        long id = calls.direct(LINE, "380501112233", "lead-7");

        assertEquals(List.of(new FakeTelephony.Bridge("380501112233", LINE)), telephony.bridges());
        assertEquals(LINE, telephony.lineCalls().getFirst().line());
        assertEquals("380501112233", telephony.lineCalls().getFirst().callerId(), "the operator sees whom they call");
        assertEquals(List.of("answered " + LINE, "talkEnded " + LINE), operators.log().subList(1, 3));
        ProjectCall call = record(id);
        assertEquals(CallSource.DIRECT, call.source());
        assertEquals(NumberState.ANSWER, call.record().state());
        assertEquals(LINE, call.record().operatorNumber());
        assertEquals("operator", call.record().hangupBy(), "the operator hung up after the talk");
        assertEquals(1, call.record().secondsForOperatorAnswered());
        assertEquals("lead-7", call.meta());
        assertEquals(0, dispatcher.inFlight());
    }

    @Test
    void anOperatorWhoDeclinesIsRefusedAndTheNumberIsNeverDialed() {
        operators.ready(LINE);
        telephony.whenLine(LINE, FakeTelephony.LineBehaviour.declines());
        long id = calls.direct(LINE, "380501112233", null);

        assertEquals(List.of(), telephony.dialed(), "the number was not called");
        assertTrue(operators.log().contains("refused " + LINE + " DECLINED"), operators.log().toString());
        ProjectCall call = record(id);
        assertEquals(NumberState.FAIL, call.record().state());
        assertEquals(LINE, call.record().operatorNumber());
        assertNull(call.record().secondsDialToClient());
        assertTrue(call.record().detail().contains("the number was not called"), call.record().detail());
    }

    @Test
    void aLineNobodyIsReadyOnIsNotReadyAndHoldsNoTrunkLine() {
        EngineException e = assertThrows(EngineException.class, () -> calls.direct(LINE, "380501112233", null));
        assertEquals(SingleCalls.SIP_NOT_READY, e.getMessage());
        assertEquals(0, dispatcher.inFlight());
        assertEquals(SingleCalls.SIP_NOT_FOUND,
                assertThrows(EngineException.class, () -> calls.direct("9999", "380501112233", null)).getMessage());
    }

    @Test
    void anUnansweredCallIsRecordedWithTheCalleesOutcome() {
        telephony.when("380501112244", FakeTelephony.Behaviour.ends(Outcome.BUSY, 486));
        long id = calls.originate("380501112244", null, List.of(new SingleCallAudios.Draft(apiAudio, null)), null);
        ProjectCall call = record(id);
        assertEquals(NumberState.BUSY, call.record().state());
        assertEquals(486, call.record().sipCode());
        assertEquals("callee", call.record().hangupBy());
        assertTrue(telephony.plays().isEmpty(), "nothing is played to a call nobody answered");
    }

    @Test
    void theNumberFirstHearsItsAudioGetsTheDigitsAndIsThenConnectedToTheOperatorLine() {
        operators.ready(LINE);
        telephony.whenLine(LINE, FakeTelephony.LineBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        long id = calls.place(new SingleCalls.Order(CallSource.API, "380501112255", null, LINE, false,
                List.of(new SingleCallAudios.Draft(apiAudio, null)), "12#", null));

        assertEquals(1, telephony.plays().size(), "the audio, before the operator");
        assertEquals(List.of("380501112255:12#"), telephony.dtmfSent());
        assertEquals(List.of(new FakeTelephony.Bridge("380501112255", LINE)), telephony.bridges());
        ProjectCall call = record(id);
        assertEquals(NumberState.ANSWER, call.record().state());
        assertEquals(LINE, call.record().operatorNumber());
        assertEquals(List.of("answered " + LINE, "talkEnded " + LINE), operators.log().subList(1, 3));
    }

    @Test
    void aCalleeTheOperatorDoesNotTakeIsAnsweredWithoutOperator() {
        operators.ready(LINE);
        telephony.whenLine(LINE, FakeTelephony.LineBehaviour.ringsOut());
        long id = calls.place(new SingleCalls.Order(CallSource.API, "380501112266", null, LINE, false, List.of(),
                null, null));

        assertTrue(telephony.bridges().isEmpty());
        assertTrue(operators.log().contains("refused " + LINE + " NO_ANSWER"), operators.log().toString());
        ProjectCall call = record(id);
        assertEquals(NumberState.ANSW_OP_NA, call.record().state(), "seed 004: the operators did not accept the call");
        assertEquals(LINE, call.record().operatorNumber());
        assertEquals(0, dispatcher.inFlight());
    }

    @Test
    void digitsOutsideRfc4733AreRefusedBeforeAnythingIsDialed() {
        EngineException e = assertThrows(EngineException.class, () -> calls.place(new SingleCalls.Order(CallSource.API,
                "380501112277", null, null, false, List.of(), "12x3", null)));
        assertEquals("dtmf: digits must be 1 to 100 of 0-9, *, #, A-D and '.' (a pause of 1 s)", e.getMessage());
        assertEquals(List.of(), telephony.dialed());
    }

    private long originate() {
        return calls.originate("380501112233", null, List.of(new SingleCallAudios.Draft(apiAudio, null)), "m");
    }

    private ProjectCall record(long id) {
        return db.read(c -> history.findByRid(c, id)).orElseThrow(() -> new AssertionError("no record of call " + id));
    }

    /** A quarter second of silence, 8 kHz mono 16-bit PCM. */
    private static byte[] wav() {
        int samples = 2000;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        return b.array();
    }
}
