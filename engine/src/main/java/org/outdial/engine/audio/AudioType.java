package org.outdial.engine.audio;

import java.time.Duration;

/**
 * The section an audio file belongs to, with UniTalk's titles (/audio/upload) and the length a
 * file is truncated to: "IVR 90 seconds; AUTODIAL, MELODY, API 300 seconds; GENERAL 30 seconds".
 */
public enum AudioType {
    GENERAL("Scripts", Duration.ofSeconds(30)),
    IVR("Voice menus", Duration.ofSeconds(90)),
    MELODY("Melodies of waiting on the line and queues", Duration.ofSeconds(300)),
    AUTODIAL("Auto calls", Duration.ofSeconds(300)),
    API("API calls", Duration.ofSeconds(300));

    private final String title;
    private final Duration maxDuration;

    AudioType(String title, Duration maxDuration) {
        this.title = title;
        this.maxDuration = maxDuration;
    }

    public String title() {
        return title;
    }

    /** Longer files are cut to this length when stored. */
    public Duration maxDuration() {
        return maxDuration;
    }
}
