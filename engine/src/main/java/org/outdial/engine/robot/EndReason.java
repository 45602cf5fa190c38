package org.outdial.engine.robot;

/**
 * Seed 004 {@code voiceSecretaryEndReasons}: why a robot stopped. This version sets NORMAL,
 * USER_REJECT, JUMP_LIMIT, NODE_LIMIT and FAIL; GREETING_SILENCE, ANSWERING_MACHINE and
 * RECOGNITION_ERROR need speech recognition or answering-machine detection, which robots do not
 * use yet (they understand DTMF only), so no call ends with them.
 */
public enum EndReason {
    NORMAL("Ended fine"),
    USER_REJECT("The subscriber ended the call"),
    GREETING_SILENCE("The subscriber was silent during the greeting"),
    ANSWERING_MACHINE("Answering machine recognized"),
    RECOGNITION_ERROR("Speech recognition was interrupted due to technical reasons"),
    JUMP_LIMIT("The limit of completed actions \u201cMove to another node\u201d has been exceeded"),
    NODE_LIMIT("The limit of crossed nodes has been exceeded"),
    FAIL("Unknown error");

    private final String title;

    EndReason(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
