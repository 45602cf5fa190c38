package org.outdial.engine.trigger;

/**
 * What an event handler does. UniTalk lets one event carry at most one handler of each type ("Few
 * trigger actions with same type") and only handlers that make sense for it ("Not compatible
 * trigger action"): {@link #BLOCK_NUMBER} needs an event about one number.
 */
public enum TriggerActionType {
    /** An HTTP request to any URL (UniTalk's "Sending a webhook"). */
    WEBHOOK("Webhook", true, false),
    /**
     * A message through the Telegram Bot API: an HTTP request whose URL is on
     * {@code api.telegram.org} (the bot's {@code sendMessage} method), usually with a specified
     * JSON body carrying {@code chat_id} and {@code text}.
     */
    TELEGRAM("Telegram message", true, false),
    /** Adds the event's number to BLOCKED_FOR_AUTODIAL_PHONES, so no autodialer takes it again. */
    BLOCK_NUMBER("Add the number to the list of numbers not added to autodialers", false, true);

    private final String title;
    private final boolean http;
    private final boolean needsNumber;

    TriggerActionType(String title, boolean http, boolean needsNumber) {
        this.title = title;
        this.http = http;
        this.needsNumber = needsNumber;
    }

    public String title() {
        return title;
    }

    /** Whether the handler is an HTTP request (URL, method, headers and body apply). */
    public boolean isHttp() {
        return http;
    }

    /**
     * Whether a handler of this type may be attached to an event.
     *
     * @param eventConcernsNumber whether the event is about one number (AUTODIAL_ANSWER, ...) as
     *                            opposed to the whole autodialer (AUTODIAL_FINISH)
     */
    public boolean compatibleWith(boolean eventConcernsNumber) {
        return !needsNumber || eventConcernsNumber;
    }
}
