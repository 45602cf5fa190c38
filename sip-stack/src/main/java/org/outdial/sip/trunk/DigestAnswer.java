package org.outdial.sip.trunk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The computed answer to a {@link DigestChallenge}: the fields of an {@code Authorization} or
 * {@code Proxy-Authorization} header (RFC 2617 §3.2.2, RFC 7616 §3.4 for MD5).
 *
 * @param qop    {@code auth}, or null when the challenge offered no qop (RFC 2069 compatibility)
 * @param cnonce the client nonce, or null without qop
 * @param nonceCount the nc value as 8 hex digits, or null without qop
 */
public record DigestAnswer(String username, String realm, String nonce, String uri, String response,
                           String algorithm, String opaque, String qop, String cnonce, String nonceCount) {

    /**
     * Answers a challenge for one request.
     *
     * @param method the SIP method of the request being authorised, {@code INVITE}
     * @param uri    the digest-uri: the Request-URI as sent (RFC 3261 §22.4)
     * @param cnonce a fresh client nonce; used only when the challenge offers qop=auth
     * @param nonceCount how many times this nonce has been used, from 1
     */
    public static DigestAnswer answer(DigestChallenge challenge, String username, String password,
                                      String method, String uri, String cnonce, int nonceCount) {
        if (!challenge.supported()) {
            throw new IllegalArgumentException("unsupported Digest challenge: algorithm="
                    + challenge.algorithm() + " qop=" + challenge.qop());
        }
        String ha1 = md5(username + ":" + challenge.realm() + ":" + password);
        boolean session = challenge.algorithm().toUpperCase(Locale.ROOT).equals("MD5-SESS");
        boolean qopAuth = challenge.offersAuth();
        if (session) {
            ha1 = md5(ha1 + ":" + challenge.nonce() + ":" + cnonce); // RFC 2617 §3.2.2.2
        }
        String ha2 = md5(method + ":" + uri); // qop=auth-int is never chosen, so no body hash
        String nc = String.format(Locale.ROOT, "%08x", nonceCount);
        String response = qopAuth
                ? md5(ha1 + ":" + challenge.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + challenge.nonce() + ":" + ha2);
        boolean needsCnonce = qopAuth || session;
        return new DigestAnswer(username, challenge.realm(), challenge.nonce(), uri, response,
                challenge.algorithm(), challenge.opaque(), qopAuth ? "auth" : null,
                needsCnonce ? cnonce : null, qopAuth ? nc : null);
    }

    static String md5(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }
}
