package org.outdial.engine.operator;

/**
 * What a group holds. Autodialers in FREE and SMART mode and GUARANTEED_DIAL ones transfer
 * answered calls to a group of internal lines only (UniTalk: "Wrong group type ... specified group
 * is not a group of internal lines").
 */
public enum GroupType {
    /** Operators' SIP lines registered to Outdial. */
    INNER_PHONES("Group of internal lines"),
    /**
     * Lines of a GSM gateway. Stored so that groups keep their meaning when a UniTalk project is
     * mirrored; Outdial has no GSM gateway support yet, so such a group has no members.
     */
    GSM("Group of GSM lines");

    private final String title;

    GroupType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
