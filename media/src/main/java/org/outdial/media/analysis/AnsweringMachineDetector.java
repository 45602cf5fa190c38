package org.outdial.media.analysis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Tells a person from a voicemail greeting (or a fax) by the first seconds of what the far end
 * sends after answer, fed one received 20 ms frame at a time.
 *
 * <p>The rules are those of Asterisk's {@code app_amd}, re-stated: a person picks up, says a
 * short "hello?" and waits; a machine either says nothing for a while or talks on, many words and
 * no long pause. Each frame is voice or silence by its level (the threshold, and a multiple of the
 * line's noise floor); a run of voice of {@code minWordLengthMs} is a word, a run of silence of
 * {@code betweenWordsSilenceMs} ends it. Then, in the order app_amd checks them:
 * <ul>
 *   <li>silence for {@code initialSilenceMs} before any word: MACHINE;</li>
 *   <li>after the first word, silence for {@code afterGreetingSilenceMs}: HUMAN;</li>
 *   <li>one word of {@code maxWordLengthMs}, more than {@code maxWords} words, or
 *       {@code greetingMs} of speech in all: MACHINE;</li>
 *   <li>{@code totalAnalysisMs} without a decision: NOT_SURE.</li>
 * </ul>
 * Outdial adds what app_amd leaves to other code: frames that are a tone ({@link ToneBank}:
 * ringback, a beep, a fax) count as silence, not as words; a fax tone before any word is FAX; and
 * the beep, a steady single tone of 400..2000 Hz for {@code beepMinMs} after speech, completes
 * {@link #beep()} (and, if no rule has decided yet, the verdict MACHINE).
 *
 * <p>Time is the audio fed, 20 ms a frame: the detector never reads a clock, so a benchmark runs
 * it faster than real time and a test is exact. A flow that must also bound wall-clock time (RTP
 * can stop) awaits {@link #verdict()} with a timeout, or calls {@link #finish()} when the call
 * ends. Frames come from one thread (a call's RTP receiver); the futures may be awaited from any.
 * They complete on that thread, so a flow should await them rather than chain slow work on them.
 * The only allocation after construction is the verdict.
 */
public final class AnsweringMachineDetector {

    private static final int FRAME_MS = 20;
    /** The noise floor lifts the silence threshold to at most this many times {@code silenceThreshold}. */
    static final int NOISE_CAP = 4;

    private final AmdSettings settings;
    private final ToneBank toneBank = new ToneBank();
    private final NoiseFloor noiseFloor = new NoiseFloor();
    private final CompletableFuture<AmdVerdict> verdict = new CompletableFuture<>();
    private final CompletableFuture<Duration> beep = new CompletableFuture<>();

    private int elapsedMs;
    private boolean inInitialSilence = true;
    private boolean inGreeting;
    private boolean inWord;
    private int voiceMs;
    private int silenceMs;
    private int wordVoiceMs;
    private int words;
    private double toneHz = Double.NaN;
    private int toneMs;

    private AnsweringMachineDetector(AmdSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A detector for one call, to be fed from its answer on. */
    public static AnsweringMachineDetector start(AmdSettings settings) {
        return new AnsweringMachineDetector(settings);
    }

    /** The decision; completes once, within {@code totalAnalysisMs} of audio at the latest. */
    public CompletableFuture<AmdVerdict> verdict() {
        return verdict;
    }

    /**
     * When the beep was heard, as audio time since the first frame (its end: the moment to start
     * a message). Completes exceptionally with {@link NoBeepException} when none will come.
     */
    public CompletableFuture<Duration> beep() {
        return beep;
    }

    /** Audio fed so far. */
    public Duration elapsed() {
        return Duration.ofMillis(elapsedMs);
    }

    public AmdSettings settings() {
        return settings;
    }

    /** Feeds one received frame (160 samples at 8 kHz; any length is accepted and timed by its samples). */
    public void accept(short[] frame) {
        accept(frame, 0, frame.length);
    }

    public void accept(short[] frame, int offset, int length) {
        if (verdict.isDone() && beep.isDone()) {
            return;
        }
        int frameMs = Math.max(1, length * 1000 / 8000);
        elapsedMs += frameMs;
        double level = meanAbs(frame, offset, length);
        noiseFloor.add(level);
        // The floor raises the threshold on a hissing line, but at most to NOISE_CAP times the
        // fixed one: a greeting spoken without a pause would otherwise become its own floor.
        double threshold = Math.max(settings.silenceThreshold(), Math.min(NOISE_CAP * settings.silenceThreshold(),
                settings.noiseFactor() * noiseFloor.level()));
        boolean loud = level >= threshold;
        ToneBank.Kind tone = loud ? toneBank.analyse(frame, offset, length) : ToneBank.Kind.NONE;
        trackTone(tone, frameMs);
        if (!verdict.isDone()) {
            decide(loud && tone == ToneBank.Kind.NONE, frameMs);
        }
        if (elapsedMs >= settings.beepWaitMs() && !beep.isDone()) {
            beep.completeExceptionally(new NoBeepException("no beep within " + settings.beepWaitMs() + " ms of answer"));
        }
    }

    /** The audio ended (hang-up, or the flow stops listening): completes whatever is pending. */
    public void finish() {
        conclude(AmdResult.NOT_SURE, AmdCause.AUDIO_ENDED);
        beep.completeExceptionally(new NoBeepException("the audio ended after " + elapsedMs + " ms without a beep"));
    }

    /** The beep and the fax tone: a single tone held steady (±30 Hz) frame after frame. */
    private void trackTone(ToneBank.Kind tone, int frameMs) {
        if (tone != ToneBank.Kind.SINGLE) {
            toneMs = 0;
            toneHz = Double.NaN;
            return;
        }
        double hz = toneBank.frequencyHz();
        if (toneMs > 0 && Math.abs(hz - toneHz) <= 30) {
            toneMs += frameMs;
        } else {
            toneMs = frameMs;
            toneHz = hz;
        }
        boolean faxTone = Math.abs(toneHz - 1100) <= 40 || Math.abs(toneHz - 2100) <= 40;
        if (faxTone && words == 0 && toneMs >= settings.faxToneMinMs()) {
            conclude(AmdResult.FAX, AmdCause.FAX_TONE);
            beep.completeExceptionally(new NoBeepException("a fax answered"));
            return;
        }
        if (voiceMs >= settings.minWordLengthMs() && toneMs >= settings.beepMinMs() && toneHz >= 400 && toneHz <= 2000) {
            conclude(AmdResult.MACHINE, AmdCause.BEEP);
            if (verdict.join().result() == AmdResult.MACHINE) {
                beep.complete(Duration.ofMillis(elapsedMs));
            }
        }
    }

    private void decide(boolean voice, int frameMs) {
        if (!voice) {
            silenceMs += frameMs;
            if (silenceMs >= settings.betweenWordsSilenceMs()) {
                inWord = false;
                wordVoiceMs = 0;
            }
            if (inInitialSilence && silenceMs >= settings.initialSilenceMs()) {
                conclude(AmdResult.MACHINE, AmdCause.INITIAL_SILENCE);
            } else if (inGreeting && silenceMs >= settings.afterGreetingSilenceMs()) {
                conclude(AmdResult.HUMAN, AmdCause.AFTER_GREETING_SILENCE);
            }
        } else {
            silenceMs = 0;
            wordVoiceMs += frameMs;
            voiceMs += frameMs;
            if (wordVoiceMs >= settings.minWordLengthMs() && !inWord) {
                words++;
                inWord = true;
                inInitialSilence = false;
                inGreeting = true;
            }
            if (wordVoiceMs >= settings.maxWordLengthMs()) {
                conclude(AmdResult.MACHINE, AmdCause.MAX_WORD_LENGTH);
            } else if (words > settings.maxWords()) {
                conclude(AmdResult.MACHINE, AmdCause.MAX_WORDS);
            } else if (inGreeting && voiceMs >= settings.greetingMs()) {
                conclude(AmdResult.MACHINE, AmdCause.LONG_GREETING);
            }
        }
        if (!verdict.isDone() && elapsedMs >= settings.totalAnalysisMs()) {
            conclude(AmdResult.NOT_SURE, AmdCause.TOO_LONG);
        }
    }

    private void conclude(AmdResult result, AmdCause cause) {
        if (verdict.complete(new AmdVerdict(result, cause, Duration.ofMillis(elapsedMs))) && result != AmdResult.MACHINE) {
            beep.completeExceptionally(new NoBeepException("the verdict was " + result + ", not MACHINE"));
        }
    }

    private static double meanAbs(short[] frame, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += Math.abs(frame[i]);
        }
        return length == 0 ? 0 : (double) sum / length;
    }
}
