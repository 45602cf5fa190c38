package org.outdial.engine.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
    private volatile long calleeLegId;
    private volatile long operatorLegId;
    private volatile boolean hungUp;
    private String callerId;
    private String operatorCallerId;

    /** Which end of the call a leg reaches. */
    public enum Role { CALLEE, OPERATOR }

    /**
     * One leg of the call as it is now: the callee's or the operator line's SIP call, with an id of
     * its own (below 2^53, as call ids are) that the JSON-RPC Call API's list.calls shows and
     * disconnect.leg and send.dtmf name.
     */
    public record Leg(long id, Role role, String number, Call call) {
    }

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

    /** The caller ID the callee is shown, or null for the trunk's own. */
    public String callerId() {
        return callerId;
    }

    /** The caller ID the operator line is shown: the callee's number unless the order said another. */
    public String operatorCallerId() {
        return operatorCallerId != null ? operatorCallerId : phone;
    }

    void callerIds(String callee, String operatorLine) {
        this.callerId = callee;
        this.operatorCallerId = operatorLine;
    }

    /** The legs dialed so far, the callee's first. */
    public List<Leg> legs() {
        List<Leg> legs = new ArrayList<>(2);
        Call c = callee;
        Call o = operator;
        if (c != null) {
            legs.add(new Leg(calleeLegId, Role.CALLEE, phone, c));
        }
        if (o != null) {
            legs.add(new Leg(operatorLegId, Role.OPERATOR, operatorLine, o));
        }
        return legs;
    }

    public Optional<Leg> leg(long legId) {
        return legs().stream().filter(l -> l.id() == legId).findFirst();
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
        calleeLegId = legId();
        callee = leg;
        if (hungUp) {
            leg.hangup();
        }
    }

    /** The operator's leg was dialed; hung up at once when the API already ended the call. */
    void operator(Call leg) {
        operatorLegId = legId();
        operator = leg;
        if (hungUp) {
            leg.hangup();
        }
    }

    private long legId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong(1, 1L << 53);
        } while (id == calleeLegId || id == operatorLegId);
        return id;
    }
}
