package org.outdial.engine.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com, "Signature scheme"): the signed content is
 * {@code id.timestamp.body}, with the timestamp in whole seconds since the epoch; the signature is
 * base64 HMAC-SHA256 under the secret's key, sent as {@code webhook-signature: v1,<base64>}. A
 * secret is {@code whsec_} + base64 of its key bytes ({@code WebhookSecrets} makes them).
 */
public final class WebhookSignature {

    public static final String PREFIX = org.outdial.engine.trigger.WebhookSecrets.PREFIX;

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} header's value. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}
