package org.outdial.media.analysis;

/**
 * Which rule gave the verdict, for logs and statistics (app_amd's {@code AMDCAUSE}): flows decide
 * on {@link AmdResult}, people tuning {@link AmdSettings} read this.
 */
public enum AmdCause {
    /** HUMAN: a word, then {@code afterGreetingSilenceMs} of silence. */
    AFTER_GREETING_SILENCE,
    /** MACHINE: no word within {@code initialSilenceMs} (silence, ringback or other tones only). */
    INITIAL_SILENCE,
    /** MACHINE: {@code greetingMs} of speech. */
    LONG_GREETING,
    /** MACHINE: more than {@code maxWords} words. */
    MAX_WORDS,
    /** MACHINE: one word of {@code maxWordLengthMs}. */
    MAX_WORD_LENGTH,
    /** MACHINE: the beep came before any other rule decided. */
    BEEP,
    /** FAX: a fax calling or answer tone. */
    FAX_TONE,
    /** NOT_SURE: {@code totalAnalysisMs} passed. */
    TOO_LONG,
    /** NOT_SURE: the audio ended (the call did) before a decision. */
    AUDIO_ENDED
}
