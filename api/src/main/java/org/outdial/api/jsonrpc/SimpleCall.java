package org.outdial.api.jsonrpc;

import java.util.List;
import java.util.Set;
import org.outdial.engine.call.SingleCallAudios;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.history.CallSource;

/**
 * Seed 001's {@code start.simple_call} read into the engine's single-call order: the operator
 * (an internal line of Outdial) and the contact, which of them is dialed first, the virtual
 * number as the contact's caller ID (and the operator's, with {@code show_virtual_phone_number}),
 * the messages, the dialing music, the digits. Parameters Outdial cannot make act are refused
 * with {@code parameter_not_supported}, never accepted and ignored (docs/API.md).
 *
 * <p>{@code switch_at_once} as the seed describes it: with {@code first_call} operator the operator
 * is waiting, so the contact is connected as soon as it answers and its message is cut at once
 * (it is not played); with {@code first_call} contact the operator's message is cut as soon as
 * the operator answers (not played). Without it, each message plays to its end and a leg that
 * finishes first hears the dialing music.
 */
final class SimpleCall {

    static final Set<String> PARAMS = Set.of(RpcMethod.ACCESS_TOKEN, "first_call", "switch_at_once",
            "early_switching", "media_file_id", "virtual_phone_number", "show_virtual_phone_number", "contact",
            "external_id", "dtmf_string", "direction", "operator", "operator_confirmation", "contact_message",
            "operator_message");

    private final CallRules rules;
    private final Messages messages;

    SimpleCall(CallRules rules, Messages messages) {
        this.rules = rules;
        this.messages = messages;
    }

    SingleCalls.Order order(RpcParams p) {
        String firstCall = p.oneOf("first_call", true, List.of("contact", "operator"));
        boolean operatorFirst = firstCall.equals("operator");
        boolean switchAtOnce = p.bool("switch_at_once", false);
        boolean earlySwitching = p.bool("early_switching", false);
        if (earlySwitching && !(operatorFirst && switchAtOnce)) {
            // Seed 001: "true only if the parameter first_call have value operator, and ... switch_at_once has value true".
            throw p.refusal(RpcError.INVALID_PARAMETERS_COMBINATION, "early_switching");
        }
        String virtual = rules.virtualNumber(p);
        boolean showVirtual = p.bool("show_virtual_phone_number", true);
        String contact = rules.contact(p, virtual);
        String operator = p.text("operator", true);
        if (!operator.matches("[0-9]{1,20}")) {
            throw p.invalid("operator");
        }
        String confirmation = p.text("operator_confirmation", false);
        if (confirmation != null && !confirmation.matches("[0-9*#]|any")) {
            throw p.invalid("operator_confirmation");
        }
        SingleCallAudios.Draft contactMessage = messages.message(p, "contact_message", false);
        SingleCallAudios.Draft operatorMessage = messages.message(p, "operator_message", false);
        SingleCalls.Hold music = messages.dialingMusic(p);
        String dtmf = dtmf(p);
        String externalId = p.text("external_id", false);
        if (earlySwitching) {
            throw p.refusal(RpcError.PARAMETER_NOT_SUPPORTED, "early_switching").with("reason",
                    "early_switching: letting the operator hear the line before the contact answers is not"
                            + " supported by this version of Outdial");
        }
        if (confirmation != null) {
            throw p.refusal(RpcError.PARAMETER_NOT_SUPPORTED, "operator_confirmation").with("reason",
                    "operator_confirmation: waiting for the operator's key press is not supported by this version"
                            + " of Outdial");
        }
        // switch_at_once: the message of the leg that answers second is cut at once, so it is not played.
        List<SingleCallAudios.Draft> toContact = contactMessage == null || (switchAtOnce && operatorFirst)
                ? List.of() : List.of(contactMessage);
        List<SingleCallAudios.Draft> toOperator = operatorMessage == null || (switchAtOnce && !operatorFirst)
                ? List.of() : List.of(operatorMessage);
        return new SingleCalls.Order(CallSource.DIRECT, contact, null, operator, operatorFirst, toContact, dtmf,
                externalId, virtual, showVirtual ? virtual : null, toOperator, music);
    }

    /** Seed 001 {@code dtmf_string}: 0-9, *, # and '.', a pause of one second (the engine's notation too). */
    static String dtmf(RpcParams p) {
        String dtmf = p.text("dtmf_string", false);
        if (dtmf != null && !dtmf.matches("[0-9*#.]{1,100}")) {
            throw p.invalid("dtmf_string");
        }
        return dtmf;
    }
}
