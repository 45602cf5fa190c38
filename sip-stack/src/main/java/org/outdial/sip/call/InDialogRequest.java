package org.outdial.sip.call;

/**
 * A request the far end sent inside one of our calls' dialogs (BYE, re-INVITE, ACK, OPTIONS, ...),
 * reported once Outdial has answered it (an ACK needs no answer).
 *
 * @param callId the call's Call-ID, as {@link Call#id()}
 * @param method the request method, for example {@code INVITE}
 */
public record InDialogRequest(String callId, String method) {
}
