package org.outdial.api.jsonrpc;

import java.util.Arrays;

/**
 * Seed 000's "Components": the sets of methods an administrator switches on or off. A method of a
 * component in {@code json-rpc.disabled-components} answers {@code component_disabled} with the
 * component's title, as the seed names it.
 */
enum Component {
    BASIC("basic", "Call API Basic set"),
    CALL_MANAGEMENT("call-management", "Call API Call management"),
    INFORMER_CALLS("informer-calls", "Call API Informer calls");

    private final String key;
    private final String title;

    Component(String key, String title) {
        this.key = key;
        this.title = title;
    }

    String title() {
        return title;
    }

    static Component ofKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("json-rpc.disabled-components: unknown component '"
                        + key + "'; the components are basic, call-management, informer-calls"));
    }
}
