package org.outdial.api.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.outdial.api.config.HumanDuration;
import org.outdial.api.config.OutdialConfig;
import org.outdial.api.http.Json;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.audio.WavDecoder;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.tts.EspeakSynthesizer;
import org.outdial.media.tts.TtsProfile;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.trunk.TrunkSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code outdial call NUMBER}: one test call through a configured trunk, start to finish, with the
 * same SIP stack and media engine {@code serve} uses. Exit 0 when the call happened as a call,
 * whatever its outcome (busy is an answer too); 1 on a local error (configuration, audio file,
 * port in use).
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Place one test call through a configured trunk and print its outcome.")
final class CallCommand implements Callable<Integer> {

    /** How long past the ring timeout to wait for a final response before giving up on the trunk. */
    private static final Duration SIGNALLING_SLACK = Duration.ofSeconds(40);

    /**
     * How long after a step stopped short the call's outcome may take to arrive for the stop to
     * count as the call ending: the outcome follows the media leg's release at once.
     */
    private static final Duration CALL_END_GRACE = Duration.ofSeconds(5);

    @ParentCommand
    private OutdialCommand root;

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NUMBER", description = "The number to call, as the trunk expects it.")
    private String number;

    @Option(names = "--trunk", paramLabel = "NAME", description = "Trunk from the configuration (default: the first).")
    private String trunk;

    @Option(names = "--audio", paramLabel = "FILE", description = "WAV file to play once answered.")
    private Path audio;

    @Option(names = "--tts", paramLabel = "TEXT", description = "Text to speak (espeak-ng) once answered.")
    private String tts;

    @Option(names = "--dtmf", paramLabel = "DIGITS",
            description = "Digits to send after the audio; each '.' is a one-second pause, e.g. \".1.2\".")
    private String dtmf;

    @Option(names = "--ring-timeout", paramLabel = "DURATION",
            description = "How long to let it ring, e.g. 30s (default: dialer.ring-timeout).")
    private String ringTimeout;

    @Option(names = "--listen", paramLabel = "DURATION", defaultValue = "3s",
            description = "How long to stay on the line after audio and digits, to hear digits (default: 3s).")
    private String listen;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (audio != null && tts != null) {
            throw new ParameterException(spec.commandLine(), "--audio and --tts exclude each other");
        }
        if (dtmf != null && !dtmf.matches("[0-9*#A-Da-d.,]+")) {
            throw new ParameterException(spec.commandLine(), "--dtmf takes 0-9 * # A-D and '.', was '" + dtmf + "'");
        }
        OutdialConfig settings = config.load(root.environment());
        TrunkSettings chosen = chooseTrunk(settings);
        Duration ring = ringTimeout != null ? HumanDuration.parse("--ring-timeout", ringTimeout)
                : settings.dialer().ringTimeout();
        Duration stay = HumanDuration.parse("--listen", listen);
        // Load the audio before dialing: a missing file is a local error, not a call that plays nothing.
        AudioSource prompt = audio != null ? WavDecoder.decode(audio)
                : tts != null ? new EspeakSynthesizer().synthesize(tts, TtsProfile.DEFAULT)
                : null;

        StringBuffer received = new StringBuffer();
        CallOutcome outcome;
        try (MediaEngine media = MediaEngine.start(settings.sip().media());
             SipTelephony telephony = SipTelephony.start(new SipSettings(settings.sip().bindAddress(),
                     settings.sip().port()), settings.trunks(), new RtpMediaLegs(media))) {
            Call call = telephony.dial(new DialRequest(chosen.name(), number, null, ring, Duration.ofHours(1)));
            call.onDtmf(event -> received.append(event.digit()));
            if (call.answered().get(ring.plus(SIGNALLING_SLACK).toMillis(), TimeUnit.MILLISECONDS)) {
                boolean up = prompt == null || stepDone(call, call.play(prompt), prompt.duration().plusSeconds(5));
                if (up && dtmf != null) {
                    up = stepDone(call, call.sendDtmf(dtmf), Duration.ofSeconds(dtmf.length() * 2L + 5));
                }
                try {
                    call.outcome().get(stay.toMillis(), TimeUnit.MILLISECONDS); // ends early if they hang up
                } catch (TimeoutException stillUp) {
                    call.hangup();
                }
            }
            outcome = call.outcome().get(SIGNALLING_SLACK.toSeconds(), TimeUnit.SECONDS);
        }
        print(outcome, received.toString());
        return OutdialCommand.OK;
    }

    /**
     * Waits for one thing the call does once answered (the audio, the digits); false when the
     * call ended first. The callee may hang up at any moment: the media leg then cancels what
     * it was sending (or the call has no media left to send on) and the outcome follows. That is
     * the call's outcome to print, not a local error; a step that fails while the call is still
     * up is one.
     */
    private static boolean stepDone(Call call, CompletableFuture<Void> step, Duration timeout) throws Exception {
        try {
            step.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (CancellationException | ExecutionException stopped) {
            try {
                call.outcome().get(CALL_END_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return false;
            } catch (TimeoutException stillUp) {
                throw stopped;
            }
        }
    }

    private TrunkSettings chooseTrunk(OutdialConfig settings) {
        if (settings.trunks().isEmpty()) {
            throw new IllegalStateException("no trunks configured: add a 'trunks' list to the configuration");
        }
        if (trunk == null) {
            return settings.trunks().getFirst();
        }
        return settings.trunks().stream().filter(t -> t.name().equals(trunk)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "no trunk named '" + trunk
                        + "'; configured: " + settings.trunks().stream().map(TrunkSettings::name).toList()));
    }

    private void print(CallOutcome outcome, String digits) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Double dialToAnswer = outcome.timings().dialToAnswer().map(d -> d.toMillis() / 1000.0).orElse(null);
        double talk = outcome.timings().talk().toMillis() / 1000.0;
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("outcome", outcome.outcome().name());
            result.put("sipCode", outcome.sipCode());
            result.put("q850", outcome.q850());
            result.put("answered", outcome.answered());
            result.put("dtmfReceived", digits);
            result.put("secondsDialToAnswer", dialToAnswer);
            result.put("secondsTalk", talk);
            result.put("endedBy", outcome.endedBy().name());
            result.put("reason", outcome.reason());
            out.println(Json.mapper().writeValueAsString(result));
        } else {
            out.printf("outcome: %s (SIP %d, Q.850 cause %d) - %s%n", outcome.outcome(), outcome.sipCode(),
                    outcome.q850(), outcome.reason());
            out.printf("answered: %s%s, talk %.1f s, ended by %s%n", outcome.answered() ? "yes" : "no",
                    dialToAnswer == null ? "" : String.format(" after %.1f s", dialToAnswer), talk, outcome.endedBy());
            out.printf("digits received: %s%n", digits.isEmpty() ? "(none)" : digits);
        }
        out.flush();
    }
}
