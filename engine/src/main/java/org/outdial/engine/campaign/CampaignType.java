package org.outdial.engine.campaign;

/** UniTalk's autodialer types (seed 004, dictionary "autodialerType"). */
public enum CampaignType {
    /** Plays audio to the callee, then runs the incoming scenario. */
    AUTODIAL("Autodialer"),
    /** Connects answered calls to operators of a group of internal lines. */
    GUARANTEED_DIAL("Guaranteed autodialer"),
    /** Runs a voice robot (voice secretary) script. */
    VOICE_ROBOT("Voice robot");

    private final String title;

    CampaignType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
