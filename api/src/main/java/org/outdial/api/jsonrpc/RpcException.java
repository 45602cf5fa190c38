package org.outdial.api.jsonrpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal of a Call API request: which {@link RpcError}, and the error object's
 * {@code data.field} (the parameter, nested ones joined by '.'), {@code data.value} (what the
 * client sent, unchanged) and {@code data.params} (the values filled into the text). Thrown by
 * the facade's parts and rendered once, by {@link JsonRpcEndpoint}.
 */
final class RpcException extends RuntimeException {

    private final RpcError error;
    private final String field;
    private final transient Object value;
    private final Map<String, Object> params;

    private RpcException(RpcError error, String field, Object value, Map<String, Object> params) {
        super(error.message(params), null, false, false);
        this.error = error;
        this.field = field;
        this.value = value;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    static RpcException of(RpcError error) {
        return new RpcException(error, null, null, Map.of());
    }

    static RpcException of(RpcError error, String field, Object value) {
        return new RpcException(error, field, value, Map.of());
    }

    /** This refusal with {@code name} = {@code v} in {@code data.params} (and in the text). */
    RpcException with(String name, Object v) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put(name, v);
        return new RpcException(error, field, value, all);
    }

    RpcError error() {
        return error;
    }

    String field() {
        return field;
    }

    Object value() {
        return value;
    }

    Map<String, Object> params() {
        return params;
    }
}
