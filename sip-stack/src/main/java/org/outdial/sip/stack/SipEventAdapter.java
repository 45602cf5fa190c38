package org.outdial.sip.stack;

import java.util.function.Consumer;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JAIN-SIP {@link SipListener}: turns each callback into a {@link SipEvent} and hands it to
 * a sink. An exception from the sink is logged here, because one that escapes into the stack's
 * thread can leave a transaction half-processed.
 */
public final class SipEventAdapter implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipEventAdapter.class);

    private final Consumer<SipEvent> sink;

    public SipEventAdapter(Consumer<SipEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void processRequest(RequestEvent e) {
        deliver(new SipEvent.RequestReceived(e.getRequest(), e.getServerTransaction(), e.getDialog()));
    }

    @Override
    public void processResponse(ResponseEvent e) {
        deliver(new SipEvent.ResponseReceived(e.getResponse(), e.getClientTransaction(), e.getDialog()));
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        deliver(new SipEvent.TransactionTimedOut(
                e.isServerTransaction() ? e.getServerTransaction() : e.getClientTransaction(),
                !e.isServerTransaction()));
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
        deliver(new SipEvent.TransportFailed(e.getHost(), e.getPort(), e.getTransport()));
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
        deliver(new SipEvent.TransactionEnded(
                e.isServerTransaction() ? e.getServerTransaction() : e.getClientTransaction()));
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
        deliver(new SipEvent.DialogEnded(e.getDialog()));
    }

    private void deliver(SipEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            LOG.error("handling {} failed", event.getClass().getSimpleName(), e);
        }
    }
}
