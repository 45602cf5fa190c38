package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testbed.carrier.CarrierSettings;
import org.outdial.testbed.carrier.SimulatedCarrier;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * A callee who hangs up while the campaign's audio plays: the real RTP session cancels the
 * playback when its call ends, and the call flow must take that as the callee's hang-up (the
 * outcome says who ended it), not as a failure of the flow (FAIL, "the call flow failed").
 */
class CalleeHangsUpDuringTheAudioTest {

    private static final int CALLS = 4;

    @Test
    void aHangUpDuringTheAudioIsTheCalleesNotAFailedFlow() throws Exception {
        // Everyone answers after 100-300 ms and hangs up 500-800 ms later, well inside the 5 s audio.
        CalleeMix hangUpSoon = new CalleeMix(5, 1.0, new CalleeMix.Span(Duration.ofMillis(100), Duration.ofMillis(300)),
                new CalleeMix.Span(Duration.ofMillis(500), Duration.ofMillis(800)));
        try (SimulatedCarrier carrier = SimulatedCarrier.start(new CarrierSettings("127.0.0.1", 0, hangUpSoon,
                CarrierSettings.DEFAULT_RING_CAP, false));
             OperatorsServer outdial = OperatorsServer.start(carrier.port(), Duration.ofSeconds(1),
                     Duration.ofSeconds(20), Duration.ofSeconds(30))) {
            long audio = outdial.api.uploadAudio("five-seconds", tone(Duration.ofSeconds(5)));
            long id = outdial.api.add(AutodialerTask.autodial("hang up during the audio").audio(audio).threads(2));
            outdial.api.addNumbers(id, List.of("380675100001", "380675100002", "380675100003", "380675100004"));
            Await.until("FINISHED", Duration.ofSeconds(60), () -> outdial.api.status(id).equals("FINISHED"));

            List<JsonNode> history = outdial.history(id);
            assertEquals(CALLS, history.size(), history::toString);
            for (JsonNode call : history) {
                assertNotEquals("FAIL", call.path("state").asText(), call::toString);
                assertEquals("callee", call.path("hangupBy").asText(), "the callee hung up: " + call);
                assertTrue(call.path("seconds").asInt(-1) >= 0, call::toString);
            }
        }
    }

    /** A WAV of 8 kHz 16-bit mono 440 Hz lasting {@code length}. */
    private static byte[] tone(Duration length) {
        int samples = (int) (8 * length.toMillis());
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(header.array());
        wav.writeBytes(pcm.array());
        return wav.toByteArray();
    }
}
