package org.outdial.testbed.sipp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.api.cli.OutdialCommand;
import org.outdial.media.audio.TestWav;
import org.outdial.testbed.server.ConfigFile;

/** {@code outdial call NUMBER --json} through a trunk that leads to SIPp. */
class CallCommandAgainstSippTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(SippProcess sipp, String... args) throws Exception {
        int rtp = LoopbackPorts.evenRange(20);
        Path config = ConfigFile.in(dir).sip(LoopbackPorts.sipPort(), rtp, rtp + 19)
                .trunk(ConfigFile.Trunk.to("sipp", sipp.sipPort()).withCallerId("15550001")).write();
        String[] full = new String[args.length + 2];
        full[0] = "call";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--config=" + config;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = OutdialCommand.execute(Map.of(), new PrintWriter(out), new PrintWriter(err), full);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void answeredCallReportsDigitsHeardAndDigitsSentComeBack() throws Exception {
        try (SippProcess sipp = SippProcess.callee(Duration.ofMinutes(2))) {
            Run pressed = run(sipp, CalleeNumbers.ANSWER_AND_PRESS_12_POUND, "--json", "--listen", "2s");
            Run echoed = run(sipp, CalleeNumbers.ANSWER, "--json", "--dtmf", "4.5", "--listen", "1s");

            JsonNode first = new ObjectMapper().readTree(pressed.out());
            assertEquals(0, pressed.exit(), pressed.err());
            assertEquals("ANSWERED", first.get("outcome").asText());
            assertEquals(200, first.get("sipCode").asInt());
            assertEquals(16, first.get("q850").asInt());
            assertTrue(first.get("answered").asBoolean());
            assertEquals("12#", first.get("dtmfReceived").asText());
            assertTrue(first.get("secondsDialToAnswer").asDouble() < 2.0, pressed.out());
            assertTrue(first.get("secondsTalk").asDouble() >= 1.5, pressed.out());
            JsonNode second = new ObjectMapper().readTree(echoed.out());
            assertEquals("45", second.get("dtmfReceived").asText(), "SIPp echoed our digits back");
        }
    }

    @Test
    void busyIsACompletedCallAndExitsZero() throws Exception {
        try (SippProcess sipp = SippProcess.callee(Duration.ofMinutes(2))) {
            Run busy = run(sipp, CalleeNumbers.finalResponse(486), "--json");

            assertEquals(0, busy.exit(), busy.err());
            JsonNode result = new ObjectMapper().readTree(busy.out());
            assertEquals("BUSY", result.get("outcome").asText());
            assertEquals(486, result.get("sipCode").asInt());
            assertEquals(17, result.get("q850").asInt());
            assertTrue(result.get("secondsDialToAnswer").isNull());
        }
    }

    @Test
    void theCalleeHangingUpWhileTheAudioPlaysIsTheCallsOutcomeAndExitsZero() throws Exception {
        Path audio = dir.resolve("five-seconds.wav");
        Files.write(audio, TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(new short[5 * 8000])));
        try (SippProcess sipp = SippProcess.callee(Duration.ofMinutes(2))) {
            // SIPp answers and sends BYE after 2 s, in the middle of the 5 s of audio.
            Run hungUp = run(sipp, CalleeNumbers.ANSWER_THEN_HANG_UP, "--json", "--audio", audio.toString());

            assertEquals(0, hungUp.exit(), hungUp.err());
            JsonNode result = new ObjectMapper().readTree(hungUp.out());
            assertEquals("ANSWERED", result.get("outcome").asText());
            assertEquals("REMOTE", result.get("endedBy").asText());
            assertTrue(result.get("secondsTalk").asDouble() < 4.0, hungUp.out());
        }
    }

    @Test
    void missingAudioFileIsALocalErrorWithNonZeroExit() throws Exception {
        try (SippProcess sipp = SippProcess.callee(Duration.ofMinutes(2))) {
            Run failed = run(sipp, CalleeNumbers.ANSWER, "--audio", dir.resolve("missing.wav").toString());

            assertEquals(OutdialCommand.FAILED, failed.exit());
            assertTrue(failed.err().startsWith("outdial: "), failed.err());
            assertEquals("", failed.out());
        }
    }
}
