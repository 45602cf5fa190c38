package org.outdial.engine.campaign;

/** UniTalk's autodialer modes (seed 004, dictionary "autodialerMode"): how the pace is set. */
public enum CampaignMode {
    /** A fixed number of simultaneous calls ({@code threadCount}). */
    FIXED("By number of threads"),
    /** As many calls as there are free operators. */
    FREE("By free operators"),
    /** Predicted free operators over the answer probability. */
    SMART("Smart selection");

    private final String title;

    CampaignMode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** FREE and SMART connect answered calls to a group of operators. */
    public boolean needsOperators() {
        return this != FIXED;
    }
}
