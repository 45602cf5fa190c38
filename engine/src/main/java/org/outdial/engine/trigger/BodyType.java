package org.outdial.engine.trigger;

/** A webhook's request body, as UniTalk's "Event handling" page offers it. */
public enum BodyType {
    /** A JSON body generated from the event ("Standard JSON": {"event": ..., "call": {...}}). */
    STANDARD_JSON("Standard JSON"),
    /** A JSON body written by the user, with the event's values substituted. */
    SPECIFIED_JSON("Specified JSON"),
    /** {@code key=value&...}, written by the user, sent as application/x-www-form-urlencoded. */
    FORM_URLENCODED("Form (urlencoded)");

    private final String title;

    BodyType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
