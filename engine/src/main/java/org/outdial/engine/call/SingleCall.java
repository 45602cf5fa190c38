package org.outdial.engine.call;

import java.time.Instant;
import org.outdial.engine.history.CallSource;
import org.outdial.sip.call.Call;

/**
 * One single call in flight, as {@link SingleCalls} keeps it until its record is written: what was
 * asked, and its legs once they are dialed. A hang-up through the API may come before a leg
 * exists: the flow hangs that leg up as soon as it dials it. Legs are written by the call's
 * thread and read by the API's: both fields are volatile.
 *
 * @param id the call id: the API answers it, a hang-up names it, and the call record keeps it
 *           as its {@code rid}, so every history and facade finds the same call by it
 */
public final class SingleCall {

    private final long id;
    private final CallSource source;
    private final String phone;
    private final String trunk;
    private final String operatorLine;
    private final boolean operatorFirst;
    private final String meta;
    private final Instant startedAt;
    private volatile Call callee;
    private volatile Call operator;
    private volatile boolean hungUp;

    SingleCall(long id, CallSource source, String phone, String trunk, String operatorLine, boolean operatorFirst,
               String meta, Instant startedAt) {
        this.id = id;
        this.source = source;
        this.phone = phone;
        this.trunk = trunk;
        this.operatorLine = operatorLine;
        this.operatorFirst = operatorFirst;
        this.meta = meta;
        this.startedAt = startedAt;
    }

    public long id() {
        return id;
    }

    public CallSource source() {
        return source;
    }

    public String phone() {
        return phone;
    }

    public String trunk() {
        return trunk;
    }

    /** The operator line the call connects the number to, or null for a call without one. */
    public String operatorLine() {
        return operatorLine;
    }

    /** Whether the operator line is rung before the number (directCall) rather than after its answer. */
    public boolean operatorFirst() {
        return operatorFirst;
    }

    public String meta() {
        return meta;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Whether {@code number} is one of the call's ends: its callee's number or its operator line. */
    boolean involves(String number) {
        return number.equals(phone) || number.equals(operatorLine);
    }

    boolean hungUpByApi() {
        return hungUp;
    }

    /** Ends every leg now, and any leg dialed later at once. */
    void hangup() {
        hungUp = true;
        Call c = callee;
        Call o = operator;
        if (c != null) {
            c.hangup();
        }
        if (o != null) {
            o.hangup();
        }
    }

    /** The callee's leg was dialed; hung up at once when the API already ended the call. */
    void callee(Call leg) {
        callee = leg;
        if (hungUp) {
            leg.hangup();
        }
    }

    /** The operator's leg was dialed; hung up at once when the API already ended the call. */
    void operator(Call leg) {
        operator = leg;
        if (hungUp) {
            leg.hangup();
        }
    }
}
