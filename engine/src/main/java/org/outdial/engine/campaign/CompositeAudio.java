package org.outdial.engine.campaign;

import java.util.List;

/** The audio an AUTODIAL autodialer plays on answer: its parts in playback order. */
public record CompositeAudio(List<AudioPart> multiAudios) {

    /** Seed 004 GET_WITH_DATA: {@code multiAudiosLimit}. */
    public static final int MAX_PARTS = 20;
    /** Seed 004 GET_WITH_DATA: {@code minMultiAudioSilenceMillis}. */
    public static final int MIN_SILENCE_MILLIS = 1;
    /** Seed 004 GET_WITH_DATA: {@code maxMultiAudioSilenceMillis}. */
    public static final int MAX_SILENCE_MILLIS = 10_000;

    public CompositeAudio {
        multiAudios = List.copyOf(multiAudios);
    }
}
