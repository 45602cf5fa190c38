package org.outdial.sip.stack;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.Transaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the SIP stack tells Outdial, as typed values. {@link SipEventAdapter} is the only place that
 * implements JAIN-SIP's {@code SipListener}; everything past it switches over these records.
 */
public sealed interface SipEvent {

    /** The Call-ID the event belongs to, the key calls are found by; null when unknown. */
    String callId();

    /** A request arrived. {@code transaction} is null outside a dialog (automatic dialogs are off). */
    record RequestReceived(Request request, ServerTransaction transaction, Dialog dialog) implements SipEvent {
        @Override
        public String callId() {
            return callIdOf(request);
        }
    }

    /** A response arrived; {@code transaction} is null for a stray or retransmitted 2xx. */
    record ResponseReceived(Response response, ClientTransaction transaction, Dialog dialog) implements SipEvent {
        @Override
        public String callId() {
            return callIdOf(response);
        }

        public String method() {
            return ((javax.sip.header.CSeqHeader) response.getHeader(javax.sip.header.CSeqHeader.NAME)).getMethod();
        }
    }

    /** A transaction timed out: no final response (client) or no ACK (server) in time. */
    record TransactionTimedOut(Transaction transaction, boolean client) implements SipEvent {
        @Override
        public String callId() {
            return transaction == null ? null : callIdOf(transaction.getRequest());
        }
    }

    /** Sending to a peer failed at the transport (connection refused, reset, unreachable). */
    record TransportFailed(String host, int port, String transport) implements SipEvent {
        @Override
        public String callId() {
            return null;
        }
    }

    /** A transaction left the stack's tables. */
    record TransactionEnded(Transaction transaction) implements SipEvent {
        @Override
        public String callId() {
            return transaction == null ? null : callIdOf(transaction.getRequest());
        }
    }

    /** A dialog left the stack's tables. */
    record DialogEnded(Dialog dialog) implements SipEvent {
        @Override
        public String callId() {
            return dialog == null || dialog.getCallId() == null ? null : dialog.getCallId().getCallId();
        }
    }

    private static String callIdOf(Message message) {
        if (message == null) {
            return null;
        }
        CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null ? null : header.getCallId();
    }
}
