package org.outdial.api.jsonrpc;

import java.time.Instant;
import java.util.Set;

/**
 * One method of the Call API: its name, the component it belongs to (seed 000 "Components"), the
 * parameters it has (any other is {@code unexpected_parameters}), whether it needs an
 * {@code access_token}, and what it does. The body returns the reply's {@code result.data}.
 */
record RpcMethod(String name, Component component, Set<String> params, boolean authenticated, Body body) {

    static final String ACCESS_TOKEN = "access_token";

    RpcMethod {
        params = Set.copyOf(params);
        if (authenticated && !params.contains(ACCESS_TOKEN)) {
            throw new IllegalArgumentException(name + " needs an access_token parameter");
        }
    }

    /** What the method does, once the request is let in. */
    @FunctionalInterface
    interface Body {
        /**
         * @param holder who sent it; null for a method without {@code access_token} (login.user)
         */
        Object call(RpcParams params, AccessTokens.Holder holder, Instant now);
    }
}
