package org.outdial.api.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A method's {@code params} read strictly, as seed 000 asks: a parameter the method does not
 * have is {@code unexpected_parameters}, a value of the wrong JSON type {@code data_type_error}
 * (a string where a number is expected, or the reverse: nothing is coerced), a missing required
 * one {@code required_parameter_missed}, a value outside the method's list
 * {@code invalid_parameter_value}. Each names the parameter in {@code data.field} (nested ones as
 * {@code contact_message.type}) and carries what was sent, unchanged, in {@code data.value}. A
 * JSON null is a parameter not given ("Blank fields always return with a null value").
 */
final class RpcParams {

    private final ObjectNode node;
    private final String prefix;

    private RpcParams(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** {@code params} of a request to a method whose parameters are {@code allowed}. */
    static RpcParams of(ObjectNode params, Set<String> allowed) {
        return nested(params, "", allowed);
    }

    private static RpcParams nested(ObjectNode params, String prefix, Set<String> allowed) {
        for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw RpcException.of(RpcError.UNEXPECTED_PARAMETERS, prefix + name, params.get(name));
            }
        }
        return new RpcParams(params, prefix);
    }

    /** Whether {@code name} was given (and is not null). */
    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    String text(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(name, v);
        }
        return v.asText();
    }

    boolean bool(String name, boolean absent) {
        JsonNode v = value(name, false);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, v);
        }
        return v.asBoolean();
    }

    /** A whole number; a fraction or one beyond 64 bits is an invalid value, never rounded. */
    Long integer(String name, boolean required) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(name, v);
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw RpcException.of(RpcError.INVALID_PARAMETER_VALUE, field(name), v);
        }
        return v.asLong();
    }

    /** A string that must be one of {@code values}. */
    String oneOf(String name, boolean required, List<String> values) {
        String text = text(name, required);
        if (text != null && !values.contains(text)) {
            throw invalid(name);
        }
        return text;
    }

    /** An object parameter whose own parameters are {@code allowed}; null when not given. */
    RpcParams object(String name, boolean required, Set<String> allowed) {
        JsonNode v = value(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, v);
        }
        return nested((ObjectNode) v, field(name) + ".", allowed);
    }

    /** {@code invalid_parameter_value} for {@code name} with the value sent. */
    RpcException invalid(String name) {
        return RpcException.of(RpcError.INVALID_PARAMETER_VALUE, field(name), node.get(name));
    }

    /** {@code error} for {@code name} with the value sent. */
    RpcException refusal(RpcError error, String name) {
        return RpcException.of(error, field(name), node.get(name));
    }

    String field(String name) {
        return prefix + name;
    }

    private JsonNode value(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw RpcException.of(RpcError.REQUIRED_PARAMETER_MISSED, field(name), null);
            }
            return null;
        }
        return v;
    }

    private RpcException wrongType(String name, JsonNode v) {
        return RpcException.of(RpcError.DATA_TYPE_ERROR, field(name), v);
    }
}
