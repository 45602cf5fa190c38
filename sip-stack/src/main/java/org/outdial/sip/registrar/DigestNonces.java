package org.outdial.sip.registrar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless digest nonces (RFC 2617 §3.2.1 suggests {@code time-stamp H(time-stamp ":" ETag ":"
 * private-key)}): a nonce is the issue time in seconds and an HMAC-SHA256 of that time and the
 * client's IP under a per-process secret, so the registrar keeps no table of nonces and a nonce
 * taken to another address is not ours. A nonce is {@link #fresh} while younger than its
 * lifetime; after a restart (new secret) every old nonce is no longer ours, which the registrar
 * answers like an expired one ({@code stale=true} when the digest was right).
 *
 * <p>No nonce-count tracking: a REGISTER replayed from the same IP within the lifetime is
 * accepted, and binds only the contact the phone itself sent.
 */
final class DigestNonces {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final byte[] secret;
    private final Duration lifetime;

    DigestNonces(byte[] secret, Duration lifetime) {
        this.secret = secret.clone();
        this.lifetime = lifetime;
    }

    /** Nonces under a fresh random secret. */
    static DigestNonces random(Duration lifetime) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new DigestNonces(secret, lifetime);
    }

    /** A new nonce for a client at {@code clientIp}. */
    String issue(String clientIp, Instant now) {
        long seconds = now.getEpochSecond();
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES + MAC_BYTES);
        out.putLong(seconds).put(mac(seconds, clientIp));
        return ENCODER.encodeToString(out.array());
    }

    /** Whether {@code nonce} is ours, for {@code clientIp}, and not older than the lifetime. */
    boolean fresh(String nonce, String clientIp, Instant now) {
        byte[] raw;
        try {
            raw = DECODER.decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != Long.BYTES + MAC_BYTES) {
            return false;
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        long issued = in.getLong();
        byte[] given = Arrays.copyOfRange(raw, Long.BYTES, raw.length);
        if (!MessageDigest.isEqual(given, mac(issued, clientIp))) {
            return false;
        }
        long age = now.getEpochSecond() - issued;
        return age >= 0 && age <= lifetime.toSeconds();
    }

    private byte[] mac(long seconds, String clientIp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(seconds).array());
            mac.update(clientIp.getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
        }
    }
}
