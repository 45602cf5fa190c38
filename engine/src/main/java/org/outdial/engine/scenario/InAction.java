package org.outdial.engine.scenario;

/** What an incoming scenario does with a caller who stays on the line after the audio. */
public enum InAction {
    /** End the call. */
    HANGUP("Hang up"),
    /** Transfer the call to a free line of a group of internal lines. */
    TRANSFER_TO_GROUP("Transfer to a group");

    private final String title;

    InAction(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
