package org.outdial.engine.dialer;

import java.time.Duration;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;

/**
 * What a callee hears while waiting for an operator (seed 004 {@code moh}: "the audio that the
 * client will hear while waiting for a connection with the operator"), played again each time it
 * ends until {@link #stop()}. Without a {@code moh}, {@link #DEFAULT}: silence with a short tone
 * every few seconds, so the callee knows the line is alive (docs/DIALER.md, "Calls with operators").
 */
public final class HoldMusic {

    /**
     * 425 Hz, the ITU-T E.180 tone frequency most networks use for their call-progress tones, for
     * 300 ms every 5 s, at a quarter of full scale: a "still connected" cue, not a ringback.
     */
    static final AudioSource DEFAULT = AudioSource.sequence(AudioSource.tone(425, Duration.ofMillis(300), 0.25),
            AudioSource.silence(Duration.ofMillis(4700)));

    private final Call call;
    private final AudioSource music;
    private boolean stopped;

    private HoldMusic(Call call, AudioSource music) {
        this.call = call;
        this.music = music;
    }

    /** Starts {@code music} on {@code call}; an empty source plays nothing (the call sends silence). */
    public static HoldMusic start(Call call, AudioSource music) {
        HoldMusic hold = new HoldMusic(call, music);
        if (music.frameCount() > 0) {
            hold.playAgain();
        }
        return hold;
    }

    private synchronized void playAgain() {
        if (stopped) {
            return;
        }
        // A play that fails (the call ended, no media path) is not retried: there is nobody to hear
        // it. Nor is one that completed at once: real audio takes its length to send.
        var playing = call.play(music);
        if (!playing.isDone()) {
            playing.thenRun(this::playAgain);
        }
    }

    /** Stops the music; the call then sends silence until it is bridged or hung up. Idempotent. */
    public synchronized void stop() {
        if (!stopped) {
            stopped = true;
            call.stopPlayback();
        }
    }
}
