package org.outdial.sip.call;

import java.text.ParseException;
import java.util.function.Consumer;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.sip.sdp.SdpFormatException;
import org.outdial.sip.sdp.SessionDescription;
import org.outdial.sip.stack.SipEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests a callee sends inside a call's dialog (RFC 3261 §12.2.2), answered here. Only a
 * BYE and a re-INVITE concern the call's state: they become {@link CallEvent}s, and the state
 * machine decides whether a re-INVITE is answered ({@link #answerReInvite}) or refused.
 */
final class DialogRequests {

    private static final Logger LOG = LoggerFactory.getLogger(DialogRequests.class);

    private final SipMessages messages;
    private final String transport;
    private final Object call;

    /** @param call the call, named in log lines */
    DialogRequests(SipMessages messages, String transport, Object call) {
        this.messages = messages;
        this.transport = transport;
        this.call = call;
    }

    /** Answers what needs no decision; hands BYE and re-INVITE to {@code machine}. */
    void handle(SipEvent.RequestReceived r, Consumer<CallEvent> machine) {
        Request request = r.request();
        switch (request.getMethod()) {
            case Request.BYE -> {
                respond(r, Response.OK);
                machine.accept(new CallEvent.RemoteBye(SipMessages.q850Reason(request)));
            }
            case Request.INVITE -> machine.accept(new CallEvent.ReInvite());
            case Request.ACK -> {
                // ACK for our 200 to a re-INVITE: nothing to do (an offer in it is not used)
            }
            case Request.OPTIONS -> {
                try {
                    reply(r, messages.optionsOk(request));
                } catch (ParseException e) {
                    LOG.warn("{}: cannot answer OPTIONS: {}", call, e.toString());
                }
            }
            case Request.CANCEL -> respond(r, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            default -> respond(r, Response.NOT_IMPLEMENTED);
        }
    }

    /** 200 with our SDP ({@link CallMedia#answerReInvite}), or 488 when its offer is not acceptable. */
    void answerReInvite(SipEvent.RequestReceived r, CallMedia media) {
        SessionDescription answer;
        try {
            answer = media.answerReInvite(SipMessages.sdpBody(r.request()));
        } catch (SdpFormatException e) {
            LOG.info("{}: re-INVITE SDP not acceptable: {}", call, e.getMessage());
            respond(r, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        try {
            Response ok = messages.response(Response.OK, r.request());
            ok.addHeader(messages.contact(transport));
            messages.setSdp(ok, answer);
            reply(r, ok);
        } catch (ParseException e) {
            LOG.warn("{}: cannot answer re-INVITE: {}", call, e.toString());
        }
    }

    void respond(SipEvent.RequestReceived r, int status) {
        try {
            reply(r, messages.response(status, r.request()));
        } catch (ParseException e) {
            LOG.warn("{}: cannot build {}: {}", call, status, e.toString());
        }
    }

    private void reply(SipEvent.RequestReceived r, Response response) {
        try {
            ServerTransaction tx = r.transaction() != null
                    ? r.transaction()
                    : messages.stack().provider().getNewServerTransaction(r.request());
            tx.sendResponse(response);
        } catch (SipException | InvalidArgumentException e) {
            LOG.debug("{}: cannot send {}: {}", call, response.getStatusCode(), e.toString());
        }
    }
}
