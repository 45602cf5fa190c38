package org.outdial.testbed.phones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.LoopbackTelephony;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testing.Await;

/**
 * The tone path both ways, with Outdial's real telephony as the caller: a trunk pointed straight
 * at a phone's address stands in for the bridge's operator leg (the registrar and dialLine are
 * another branch). SIPp's shipped pcaps hold speech and DTMF, no steady tone, so a tone from a
 * peer other than Outdial is not tested here; the echo test in {@link PhonesAgainstSippTest}
 * covers the phone's receive path against SIPp.
 */
class PhoneTonesWithOutdialTest {

    @Test
    void phoneHearsTheCallersToneAndTheCallerHearsThePhones() throws Exception {
        try (SippProcess registrar = SippProcess.uas(Sipp.scenario("registrar.xml"), Duration.ofSeconds(60),
                "-deadcall_wait", "1");
             OperatorPhones phones = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", registrar.sipPort(),
                     1001, 3, PhoneBehaviour.answersUntilHungUp(Duration.ofMillis(100))))) {
            SimulatedPhone phone = phones.phone("1003");
            try (LoopbackTelephony outdial = LoopbackTelephony.start(20, List.of(new TrunkSettings("operator",
                    "127.0.0.1", phone.sipPort(), "udp", null, null, "380671234567", "", 10, 10)))) {
                Call call = outdial.telephony.dial(DialRequest.of("operator", "1003", Duration.ofSeconds(5)));
                ToneHearing outdialHears = new ToneHearing();
                call.onAudio(outdialHears::frame);
                assertTrue(call.answered().get(5, TimeUnit.SECONDS), () -> call.outcome().getNow(null) + "");
                call.play(AudioSource.tone(1500, Duration.ofMillis(600), 0.3)).get(5, TimeUnit.SECONDS);
                Await.until("Outdial heard the phone's tone", Duration.ofSeconds(3), outdialHears::last,
                        f -> f.isPresent());
                call.hangup();
                call.outcome().get(5, TimeUnit.SECONDS);

                assertEquals(800.0, outdialHears.last().orElseThrow(), "phone 1003 plays 700 + 2·50 Hz");
                CallRecord record = Await.until("the phone recorded the call", Duration.ofSeconds(3), phone::calls,
                        c -> c.size() == 1).getFirst();
                assertEquals(1500.0, record.heardLastHz().orElse(-1), "the phone heard Outdial's 1500 Hz: " + record);
                assertEquals(CallRecord.EndedBy.FAR_END, record.endedBy());
                assertTrue(!record.firstAudioAt().orElseThrow().isBefore(record.answeredAt().orElseThrow()), record::toString);
            }
        }
    }
}
