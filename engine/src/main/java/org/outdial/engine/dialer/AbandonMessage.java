package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.media.tts.TtsException;
import org.outdial.media.tts.TtsProfile;
import org.outdial.sip.call.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an abandoned callee hears before the hang-up ({@code pacing.abandonment.message}; FCC 47
 * CFR 64.1200(b)(2): the seller's name and an opt-out number), synthesized once, at the first
 * abandonment, with the default voice. Without a synthesizer the call is hung up without it, and a
 * WARN says so once. Thread-safe.
 */
public final class AbandonMessage {

    private static final Logger log = LoggerFactory.getLogger(AbandonMessage.class);

    private final SpeechSynthesizer synthesizer;
    private final String text;
    private Optional<AudioSource> audio;

    private AbandonMessage(SpeechSynthesizer synthesizer, String text) {
        this.synthesizer = synthesizer;
        this.text = text;
    }

    public static AbandonMessage spoken(SpeechSynthesizer synthesizer, String text) {
        Objects.requireNonNull(synthesizer, "synthesizer");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the abandonment message must not be empty");
        }
        return new AbandonMessage(synthesizer, text);
    }

    /** No message: the callee is hung up at once (tests of other things). */
    public static AbandonMessage none() {
        AbandonMessage none = new AbandonMessage(null, "");
        none.audio = Optional.empty();
        return none;
    }

    /**
     * Plays the message to {@code callee} and waits until it is over or the callee hangs up (at
     * most its length and {@code slack}); false when there is no message to play or the call ended.
     */
    public boolean playTo(Call callee, Duration slack) throws InterruptedException {
        Optional<AudioSource> message = audio();
        if (message.isEmpty() || callee.outcome().isDone()) {
            return false;
        }
        try {
            CompletableFuture.anyOf(callee.play(message.get()), callee.outcome())
                    .get(message.get().duration().plus(slack).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the callee hung up, or media failed: what they heard, they heard
        }
        return true;
    }

    /** The message's audio, or empty when it could not be synthesized. */
    public synchronized Optional<AudioSource> audio() {
        if (audio == null) {
            try {
                audio = Optional.of(synthesizer.synthesize(text, TtsProfile.DEFAULT));
            } catch (TtsException | IllegalArgumentException e) {
                log.warn("The abandonment message (pacing.abandonment.message) cannot be synthesized: {}; abandoned"
                        + " callees are hung up without it", e.getMessage());
                audio = Optional.empty();
            }
        }
        return audio;
    }
}
