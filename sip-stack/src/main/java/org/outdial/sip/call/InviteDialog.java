package org.outdial.sip.call;

import java.text.ParseException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.Transaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.sip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of a call's INVITE: the request, its client transaction and the dialog it creates, and
 * the requests Outdial sends in them (ACK, CANCEL, BYE, the authenticated retry). Only touched
 * under the call's lock.
 */
final class InviteDialog {

    private static final Logger LOG = LoggerFactory.getLogger(InviteDialog.class);

    private final SipMessages messages;
    private final CallTarget target;
    private final Object call;
    private Request invite;
    private ClientTransaction inviteTx;
    private Dialog dialog;

    /** @param call the call, named in log lines */
    InviteDialog(SipMessages messages, CallTarget target, Object call) {
        this.messages = messages;
        this.target = target;
        this.call = call;
    }

    /** Builds the first INVITE with our offer; returns its Call-ID. Nothing is sent yet. */
    String prepare(DialRequest request, SessionDescription offer) throws ParseException, InvalidArgumentException {
        invite = messages.invite(target, request, offer);
        return ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** Sends the prepared INVITE in a new transaction and dialog. */
    void send() throws SipException {
        SipProvider provider = messages.stack().provider();
        ClientTransaction tx = provider.getNewClientTransaction(invite);
        Dialog newDialog = provider.getNewDialog(tx);
        inviteTx = tx;
        dialog = newDialog;
        tx.sendRequest();
    }

    /** Whether {@code tx} is the INVITE now pending, not one replaced by its authenticated retry. */
    boolean isCurrent(Transaction tx) {
        return tx == inviteTx;
    }

    /** ACKs a 2xx in the dialog (RFC 3261 §13.2.2.4); the stack re-ACKs its retransmissions. */
    void ack(Response ok) {
        try {
            long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = dialog.createAck(cseq);
            routed(ack);
            dialog.sendAck(ack);
        } catch (SipException | InvalidArgumentException | ParseException e) {
            LOG.warn("{}: cannot ACK the 2xx: {}", call, e.toString());
        }
    }

    void cancel() {
        try {
            Request cancel = inviteTx.createCancel();
            if (cancel.getHeader(RouteHeader.NAME) == null) {
                routed(cancel); // RFC 3261 §9.1: the CANCEL's Route is the INVITE's
            }
            messages.stack().provider().getNewClientTransaction(cancel).sendRequest();
        } catch (SipException | ParseException e) {
            // The INVITE may have just ended; its final response or the guard ends the call.
            LOG.debug("{}: cannot send CANCEL: {}", call, e.toString());
        }
    }

    /** Sends BYE with {@code Reason: Q.850} (RFC 3326); false when it could not be sent. */
    boolean bye(int q850) {
        try {
            Request bye = dialog.createRequest(Request.BYE);
            messages.addReason(bye, q850, q850 == 16 ? "Normal call clearing" : "Outdial");
            routed(bye);
            ClientTransaction tx = messages.stack().provider().getNewClientTransaction(bye);
            dialog.sendRequest(tx);
            return true;
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("{}: cannot send BYE: {}", call, e.toString());
            return false;
        }
    }

    /** Sends the INVITE again with credentials for {@code challenge} (RFC 3261 §22.2); false when it cannot. */
    boolean resendWithAuth(Response challenge, int attempt) {
        try {
            // Only a trunk has credentials, so only a trunk call is ever asked to answer a challenge.
            invite = messages.authenticated(invite, challenge, ((CallTarget.Trunk) target).trunk(), attempt);
            send();
            return true;
        } catch (ParseException | InvalidArgumentException | SipException | IllegalArgumentException e) {
            LOG.warn("{}: cannot answer the {} challenge: {}", call, challenge.getStatusCode(), e.toString());
            return false;
        }
    }

    /**
     * A line call's in-dialog requests go where the INVITE went: their Request-URI is the phone's
     * Contact from its 200, which behind NAT is an address nobody can reach (see LineRoute).
     */
    private void routed(Request request) throws ParseException, SipException {
        RouteHeader route = messages.routeOf(target);
        if (route != null) {
            request.addFirst(route);
        }
    }

    /** Stops waiting for the INVITE's final response (after CANCEL, RFC 3261 §9.1). */
    void abandon() {
        LOG.info("{}: no final response {} after CANCEL; giving up on it", call, CallStateMachine.CANCEL_GUARD);
        try {
            inviteTx.terminate();
        } catch (Exception e) {
            LOG.debug("{}: terminate INVITE transaction: {}", call, e.toString());
        }
    }

    /**
     * Deletes a dialog the stack will not end by itself: the INVITE never left, or we gave up on
     * it after CANCEL. Confirmed dialogs end with their BYE; early ones with their final response.
     */
    void release(boolean answered) {
        if (dialog != null && !answered && dialog.getState() != DialogState.TERMINATED) {
            dialog.delete();
        }
    }
}
