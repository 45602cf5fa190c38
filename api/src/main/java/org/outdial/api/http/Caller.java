package org.outdial.api.http;

/**
 * Who sent a request: the API key it carried. Handlers that need per-key behaviour read it from
 * {@link Request#caller()}.
 *
 * @param keyId   the key's id in table {@code api_key}
 * @param keyName the name given at {@code outdial keys create --name}
 */
public record Caller(long keyId, String keyName) {
}
