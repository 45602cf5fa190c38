package org.outdial.engine.robot;

/**
 * Seed 004 {@code voiceSecretaryEndNodeTypes}: what the node a robot ended at says about the call.
 * Every node has one (INTERMEDIATE unless the script says otherwise); an END node must name it.
 * BACKGROUND and BACKGROUND_DEFER are labels here: this version runs no background robot, so a
 * script uses them only to classify where calls ended (docs/API.md, "Voice robot scripts").
 */
public enum EndNodeType {
    INTERMEDIATE("Intermediate"),
    END_SUCCESS("Successful"),
    END_FAIL("Unsuccessful"),
    BACKGROUND("Background"),
    BACKGROUND_DEFER("Background – call transfer");

    private final String title;

    EndNodeType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
