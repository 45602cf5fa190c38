package org.outdial.media.analysis;

/** What answered the call, as far as its first seconds of audio tell. */
public enum AmdResult {
    /** A person: a short answer, then silence while they wait for us. */
    HUMAN,
    /** A voicemail greeting or an announcement; its beep, if any, is a separate event. */
    MACHINE,
    /** A fax machine's tone (CNG 1100 Hz or CED 2100 Hz) before any speech. */
    FAX,
    /** No rule decided within the analysis time, or the audio ended first. */
    NOT_SURE
}
