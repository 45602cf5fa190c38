package org.outdial.engine.trigger;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Handlers' signing secrets in the Standard Webhooks form: {@code whsec_} + base64 of the key
 * bytes (the spec asks for 24..64 bytes; these are 32).
 */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
