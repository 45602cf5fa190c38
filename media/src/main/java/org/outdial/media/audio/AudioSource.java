package org.outdial.media.audio;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.outdial.media.codec.Codec;

/**
 * Audio ready for RTP: 16-bit signed linear PCM, mono, 8000 Hz, played in 20 ms frames of 160
 * samples.
 *
 * <p>A source is immutable and shared: one decoded prompt serves every call that plays it. The
 * last frame is padded with silence. The G.711 payloads are computed once per codec on first use
 * ({@link #encoded(Codec)}), so the pacer only copies bytes when it sends a frame.
 */
public final class AudioSource {

    /** G.711 runs at 8000 Hz (RFC 3551 §4.5.14). */
    public static final int SAMPLE_RATE = 8000;
    /** RFC 3551 §4.2: the default packetization interval for audio is 20 ms, 160 samples at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;
    public static final Duration FRAME_DURATION = Duration.ofMillis(20);

    private static final AudioSource EMPTY = new AudioSource(new short[0], "empty");

    private final short[] samples;
    private final int sampleCount;
    private final String description;
    private final Map<Codec, EncodedAudio> encoded = new EnumMap<>(Codec.class);

    private AudioSource(short[] exactSamples, String description) {
        this.sampleCount = exactSamples.length;
        int frames = (sampleCount + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        this.samples = Arrays.copyOf(exactSamples, frames * FRAME_SAMPLES);
        this.description = description;
    }

    /**
     * A source from 8 kHz mono samples (copied).
     *
     * @param description what it is, for logs (a file name, "tone 440 Hz", ...)
     */
    public static AudioSource ofSamples(short[] samples8kHz, String description) {
        Objects.requireNonNull(samples8kHz, "samples");
        Objects.requireNonNull(description, "description");
        return new AudioSource(samples8kHz, description);
    }

    /** A source with no frames; playing it completes at once. */
    public static AudioSource empty() {
        return EMPTY;
    }

    /** Digital silence, rounded up to whole 20 ms frames. */
    public static AudioSource silence(Duration duration) {
        int count = samplesFor(duration, "silence duration");
        return new AudioSource(new short[count], "silence " + duration.toMillis() + " ms");
    }

    /**
     * A sine tone.
     *
     * @param frequencyHz 1..3999 (below the 4 kHz Nyquist limit of 8 kHz sampling)
     * @param amplitude   0.0..1.0 of full scale
     */
    public static AudioSource tone(double frequencyHz, Duration duration, double amplitude) {
        if (!(frequencyHz > 0 && frequencyHz < SAMPLE_RATE / 2.0)) {
            throw new IllegalArgumentException("tone frequency must be 0..4000 Hz (exclusive), was " + frequencyHz);
        }
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("tone amplitude must be 0.0..1.0, was " + amplitude);
        }
        int count = samplesFor(duration, "tone duration");
        short[] pcm = new short[count];
        double step = 2 * Math.PI * frequencyHz / SAMPLE_RATE;
        double peak = amplitude * Short.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            pcm[i] = (short) Math.round(peak * Math.sin(step * i));
        }
        return new AudioSource(pcm, "tone " + frequencyHz + " Hz " + duration.toMillis() + " ms");
    }

    /** The sources one after the other, joined at the sample level (no padding in between). */
    public static AudioSource concat(List<AudioSource> parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        long total = 0;
        for (AudioSource part : parts) {
            total += part.sampleCount;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concatenated audio is too long: " + total + " samples");
        }
        short[] joined = new short[(int) total];
        int at = 0;
        StringBuilder description = new StringBuilder("[");
        for (AudioSource part : parts) {
            System.arraycopy(part.samples, 0, joined, at, part.sampleCount);
            at += part.sampleCount;
            if (description.length() > 1) {
                description.append(", ");
            }
            description.append(part.description);
        }
        return new AudioSource(joined, description.append(']').toString());
    }

    /** Same as {@link #concat(List)}. */
    public static AudioSource sequence(AudioSource... parts) {
        return concat(List.of(parts));
    }

    private static int samplesFor(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.toHours() >= 24) {
            throw new IllegalArgumentException(what + " must be 0..24 h, was " + duration);
        }
        return (int) (duration.toNanos() * SAMPLE_RATE / 1_000_000_000L);
    }

    /** Number of 20 ms frames. */
    public int frameCount() {
        return samples.length / FRAME_SAMPLES;
    }

    /** Number of real samples (before the last frame's padding). */
    public int sampleCount() {
        return sampleCount;
    }

    public Duration duration() {
        return Duration.ofNanos(sampleCount * 1_000_000_000L / SAMPLE_RATE);
    }

    public String description() {
        return description;
    }

    /** Copies frame {@code index} (160 samples) into {@code out} at {@code offset}. */
    public void copyFrame(int index, short[] out, int offset) {
        Objects.checkIndex(index, frameCount());
        System.arraycopy(samples, index * FRAME_SAMPLES, out, offset, FRAME_SAMPLES);
    }

    /** A copy of the real samples (without padding). */
    public short[] samples() {
        return Arrays.copyOf(samples, sampleCount);
    }

    /** The G.711 payloads of every frame, computed on the first call for each codec. */
    public EncodedAudio encoded(Codec codec) {
        Objects.requireNonNull(codec, "codec");
        synchronized (encoded) {
            return encoded.computeIfAbsent(codec, c -> EncodedAudio.encode(c, samples));
        }
    }

    @Override
    public String toString() {
        return "AudioSource[" + description + ", " + duration().toMillis() + " ms]";
    }
}
