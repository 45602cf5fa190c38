package org.outdial.api.jsonrpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.outdial.engine.call.SingleCall;
import org.outdial.engine.call.SingleCallAudios;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.history.CallSource;

/**
 * The Call API's call methods over the engine's one single-call operation
 * ({@link SingleCalls#place}): {@code start.informer_call}, {@code start.simple_call},
 * {@code list.calls}, {@code disconnect.leg} and {@code send.dtmf}. The {@code call_session_id}
 * is the engine's call id, which UniTalk's /calls/hangup and /history/get know too. Each
 * method reads its parameters, calls the engine, and maps the engine's refusals (seed 004's
 * messages, by constant) to the seeds' mnemonics.
 */
final class CallMethods {

    private static final String CALL_SESSION_ID = "call_session_id";
    private static final String LEG_ID = "leg_id";

    private final Supplier<SingleCalls> calls;
    private final CallRules rules;
    private final Messages messages;
    private final SimpleCall simple;
    /** What list.calls shows of a call placed here that the engine does not keep: the seed's direction label. */
    private final Map<Long, String> directions = new ConcurrentHashMap<>();

    CallMethods(CallApiSettings settings, Supplier<SingleCalls> calls, Messages messages) {
        this.calls = calls;
        this.rules = new CallRules(settings);
        this.messages = messages;
        this.simple = new SimpleCall(rules, messages);
    }

    List<RpcMethod> methods() {
        return List.of(
                new RpcMethod("start.informer_call", Component.INFORMER_CALLS, Set.of(RpcMethod.ACCESS_TOKEN,
                        "virtual_phone_number", "contact", "contact_message", "external_id", "dtmf_string",
                        "direction"), true, (p, holder, now) -> informer(p)),
                new RpcMethod("start.simple_call", Component.BASIC, SimpleCall.PARAMS, true,
                        (p, holder, now) -> start(simple.order(p), p)),
                new RpcMethod("list.calls", Component.CALL_MANAGEMENT, Set.of(RpcMethod.ACCESS_TOKEN), true,
                        (p, holder, now) -> list()),
                new RpcMethod("disconnect.leg", Component.CALL_MANAGEMENT,
                        Set.of(RpcMethod.ACCESS_TOKEN, CALL_SESSION_ID, LEG_ID), true, (p, holder, now) -> {
                            long id = p.integer(CALL_SESSION_ID, true);
                            long leg = p.integer(LEG_ID, true);
                            if (!engine().disconnect(id, known(p, id, leg))) {
                                throw p.refusal(RpcError.CALL_SESSION_NOT_FOUND, CALL_SESSION_ID);
                            }
                            return Map.of("success", true);
                        }),
                new RpcMethod("send.dtmf", Component.CALL_MANAGEMENT,
                        Set.of(RpcMethod.ACCESS_TOKEN, CALL_SESSION_ID, LEG_ID, "dtmf"), true, (p, holder, now) -> {
                            long id = p.integer(CALL_SESSION_ID, true);
                            long leg = p.integer(LEG_ID, true);
                            String dtmf = p.text("dtmf", true);
                            if (!dtmf.matches("[0-9*#]{1,100}")) {
                                throw p.invalid("dtmf");
                            }
                            if (!engine().sendDtmf(id, known(p, id, leg), dtmf)) {
                                throw p.refusal(RpcError.CALL_SESSION_NOT_FOUND, CALL_SESSION_ID);
                            }
                            return Map.of("success", true);
                        }));
    }

    /** Seed 000: "Informer call with an option to play a media file ... After the message is played, the call ends automatically". */
    private Object informer(RpcParams p) {
        String virtual = rules.virtualNumber(p);
        String contact = rules.contact(p, virtual);
        SingleCallAudios.Draft message = messages.message(p, "contact_message", true);
        SingleCalls.Order order = new SingleCalls.Order(CallSource.API, contact, null, null, false,
                List.of(message), SimpleCall.dtmf(p), p.text("external_id", false), virtual, null, List.of(),
                SingleCalls.Hold.NONE);
        return start(order, p);
    }

    private Object start(SingleCalls.Order order, RpcParams p) {
        String direction = p.oneOf("direction", false, CallRules.DIRECTIONS);
        long id;
        try {
            id = engine().place(order);
        } catch (EngineException e) {
            throw refusal(e, p);
        }
        directions.put(id, direction == null ? "in" : direction);
        return Map.of(CALL_SESSION_ID, id);
    }

    /** Seed 000 list.calls: "Receiving a list of active calls and their participants". */
    private Object list() {
        List<SingleCall> active = engine().active();
        directions.keySet().retainAll(active.stream().map(SingleCall::id).toList());
        List<Map<String, Object>> result = new ArrayList<>();
        for (SingleCall call : active) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(CALL_SESSION_ID, call.id());
            c.put("start_time", UserMethods.ISO.format(call.startedAt()));
            c.put("direction", directions.get(call.id()));
            c.put("virtual_phone_number", call.callerId());
            c.put("contact_phone_number", call.phone());
            c.put("operator_phone_number", call.operatorLine());
            c.put("external_id", call.meta());
            List<Map<String, Object>> legs = new ArrayList<>();
            for (SingleCall.Leg leg : call.legs()) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put(LEG_ID, leg.id());
                l.put("type", leg.role() == SingleCall.Role.CALLEE ? "contact" : "operator");
                l.put("phone_number", leg.number());
                l.put("state", state(leg));
                legs.add(l);
            }
            c.put("legs", legs);
            result.add(c);
        }
        return result;
    }

    /** A leg's state: {@code calling} until answered, {@code connected} while up, {@code disconnected} once ended. */
    private static String state(SingleCall.Leg leg) {
        if (leg.call().outcome().isDone()) {
            return "disconnected";
        }
        return Boolean.TRUE.equals(leg.call().answered().getNow(false)) ? "connected" : "calling";
    }

    /** {@code leg}, once call {@code id} is known to be in flight and to have it. */
    private long known(RpcParams p, long id, long leg) {
        SingleCall call = engine().find(id).orElseThrow(() -> p.refusal(RpcError.CALL_SESSION_NOT_FOUND,
                CALL_SESSION_ID));
        if (call.leg(leg).isEmpty()) {
            throw p.invalid(LEG_ID).with("reason", "call session " + id + " has no leg " + leg);
        }
        return leg;
    }

    private SingleCalls engine() {
        SingleCalls single = calls.get();
        if (single == null) {
            throw RpcException.of(RpcError.COMPONENT_DISABLED).with("component_name", Component.BASIC.title())
                    .with("reason", "no trunk is configured: Outdial places no calls");
        }
        return single;
    }

    /** The engine's refusal (seed 004's message) in the Call API's vocabulary, naming the parameter it concerns. */
    private static RpcException refusal(EngineException e, RpcParams p) {
        String m = e.getMessage();
        return switch (m) {
            case SingleCalls.WRONG_PHONE -> p.invalid("contact");
            case SingleCalls.META_TOO_BIG -> p.invalid("external_id").with("reason",
                    "at most " + SingleCalls.MAX_META + " characters");
            case SingleCalls.SIP_NOT_FOUND -> p.refusal(RpcError.PARAMETER_NOT_SUPPORTED, "operator").with("reason",
                    "operator: only an internal line of Outdial (POST /api/phones/inner/action) can be the operator;"
                            + " calling an operator on an external number is not supported");
            case SingleCalls.SIP_NOT_READY -> p.invalid("operator").with("reason",
                    "the operator's line is not ready: offline, paused or in another call");
            case SingleCalls.IN_PROGRESS -> p.invalid("contact").with("reason", "a call to this contact is in progress");
            case SingleCalls.LIMIT -> RpcException.of(RpcError.LIMIT_EXCEEDED)
                    .with("limit_type", "simultaneous calls").with("limit_max_value", SingleCalls.DEFAULT_MAX_CALLS)
                    .with("reason", "no free line: the trunk's max-calls or " + SingleCalls.DEFAULT_MAX_CALLS
                            + " single calls at once");
            default -> m.startsWith("audios: ") ? RpcException.of(RpcError.INVALID_PARAMETER_VALUE, "contact_message", null)
                    .with("reason", m.substring("audios: ".length()))
                    : RpcException.of(RpcError.INVALID_PARAMETER_VALUE).with("reason", m);
        };
    }
}
