package org.outdial.testbed.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;
import org.outdial.testing.Await;

/** The simulated carrier called by Outdial's real telephony, in one JVM over loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedCarrierTest {

    private final CalleeMix mix = CarrierLine.fastMix(11);
    private CarrierLine line;

    @BeforeAll
    void start() throws Exception {
        line = CarrierLine.start(mix);
    }

    @AfterAll
    void stop() {
        if (line != null) {
            line.close();
        }
    }

    private Call dial(String number, Duration ringTimeout) {
        return line.telephony.dial(DialRequest.of(CarrierLine.TRUNK, number, ringTimeout));
    }

    @Test
    void answeredNumberIsAnsweredAndItsPlayedAudioComesBack() throws Exception {
        String number = CarrierLine.numberWhere(mix, b -> b instanceof CalleeBehaviour.Answer);
        Call call = dial(number, Duration.ofSeconds(5));
        AtomicInteger loudFrames = new AtomicInteger();
        call.onAudio(frame -> {
            long energy = 0;
            for (short s : frame) {
                energy += (long) s * s;
            }
            if (Math.sqrt(energy / (double) frame.length) > 1000) {
                loudFrames.incrementAndGet();
            }
        });

        assertTrue(call.answered().get(5, TimeUnit.SECONDS), () -> call.outcome().getNow(null) + "");
        call.play(AudioSource.tone(1000, Duration.ofMillis(400), 0.5)).get(5, TimeUnit.SECONDS);
        // The last echoed packets are on their way back.
        Await.until("about 20 frames of tone back", Duration.ofSeconds(5), loudFrames::get, n -> n >= 15);
        call.hangup();
        CallOutcome outcome = call.outcome().get(5, TimeUnit.SECONDS);

        assertEquals(Outcome.ANSWERED, outcome.outcome(), outcome.toString());
        assertEquals(200, outcome.sipCode());
        assertEquals(Party.LOCAL, outcome.endedBy());
        assertTrue(loudFrames.get() >= 15, "about 20 frames of tone came back, got " + loudFrames.get());
        assertTrue(call.progress().stream().anyMatch(p -> p.status() == 180), "rang first: " + call.progress());
    }

    @Test
    void answeredCalleeHangsUpAfterTalkingWhenOutdialDoesNot() throws Exception {
        String number = CarrierLine.numberWhere(mix, b -> b instanceof CalleeBehaviour.Answer);
        Duration talk = ((CalleeBehaviour.Answer) mix.behaviourOf(number)).talk();
        CallOutcome outcome = dial(number, Duration.ofSeconds(5)).outcome().get(10, TimeUnit.SECONDS);

        assertEquals(Outcome.ANSWERED, outcome.outcome(), outcome.toString());
        assertEquals(Party.REMOTE, outcome.endedBy());
        assertEquals(16, outcome.q850(), "Reason: Q.850;cause=16 on the carrier's BYE");
        long millis = outcome.timings().talk().toMillis();
        assertTrue(Math.abs(millis - talk.toMillis()) < 500, "talked " + millis + " ms, callee's talk is " + talk);
    }

    @Test
    void neverAnsweringNumberIsNoAnswerAfterTheRingTimeout() throws Exception {
        String number = CarrierLine.numberWhere(mix, b -> b instanceof CalleeBehaviour.RingUntilCancel);
        long start = System.nanoTime();
        CallOutcome outcome = dial(number, Duration.ofMillis(800)).outcome().get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Outcome.NO_ANSWER, outcome.outcome(), outcome.toString());
        assertEquals(487, outcome.sipCode(), "the carrier ended the INVITE with 487 after our CANCEL");
        assertEquals(Party.LOCAL, outcome.endedBy());
        assertTrue(millis >= 750 && millis < 3000, "ended after the 800 ms ring timeout, took " + millis + " ms");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"486, BUSY", "404, NOT_EXIST", "480, NO_ANSWER", "603, REJECTED", "503, CONGESTION", "500, FAILED"})
    void refusingNumberGetsItsOutcome(int status, Outcome expected) throws Exception {
        String number = CarrierLine.numberWhere(mix, CarrierLine.refusing(status));
        CallOutcome outcome = dial(number, Duration.ofSeconds(10)).outcome().get(10, TimeUnit.SECONDS);

        assertEquals(expected, outcome.outcome(), outcome.toString());
        assertEquals(status, outcome.sipCode());
        assertEquals(Party.REMOTE, outcome.endedBy());
    }

    @Test
    void twoHundredCallsLeaveNoCallsDialogsOrSocketsOnEitherSide() throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(dial("+38063" + (4_000_000 + i * 37), Duration.ofMillis(600)));
        }
        int answered = 0;
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            // Half the answered calls are hung up by Outdial at once, the rest by the callee.
            if (i % 2 == 0 && call.answered().get(10, TimeUnit.SECONDS)) {
                call.hangup();
            }
            if (call.outcome().get(15, TimeUnit.SECONDS).answered()) {
                answered++;
            }
        }
        assertTrue(answered > 70 && answered < 150, "about 55 % answered, was " + answered);

        // Dialogs linger 2 s after BYE on both stacks (LINGER_TIMER) to absorb retransmissions.
        Await.until("the carrier holds no call, dialog or echo port", Duration.ofSeconds(15),
                () -> line.carrier.callsInProgress() + " calls, " + line.carrier.dialogCount() + " dialogs, "
                        + line.carrier.echoPortsOpen() + " echo ports", "0 calls, 0 dialogs, 0 echo ports"::equals);
        Await.until("Outdial holds no call, dialog or media leg", Duration.ofSeconds(15), line.telephony::counts,
                held -> held.calls() == 0 && held.dialogs() == 0 && held.mediaLegs() == 0);
    }

    @Test
    void portZeroListensOnSomeFreePort() throws Exception {
        try (SimulatedCarrier other = SimulatedCarrier.start(new CarrierSettings("127.0.0.1", 0, mix,
                CarrierSettings.DEFAULT_RING_CAP, false))) {
            assertTrue(other.port() > 0 && other.port() != line.carrier.port(), "port " + other.port());
        }
    }
}
