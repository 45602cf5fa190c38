package org.outdial.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.outdial.sip.trunk.DigestAnswer;
import org.outdial.sip.trunk.DigestChallenge;

/**
 * The digest fields of a client's {@code Authorization} header (RFC 2617 §3.2.2, RFC 3261 §22.4),
 * and their check against the line's password: the server computes the answer the client should
 * have given, with the client side's own {@link DigestAnswer}, and compares.
 *
 * @param qop    {@code auth}, or null for an RFC 2069 answer without qop
 * @param cnonce the client nonce, or null without qop (and without MD5-sess)
 * @param nc     the nonce count as sent (8 hex digits), or null without qop
 */
record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                         String algorithm, String opaque, String qop, String cnonce, String nc) {

    /** Whether the answer is the one {@code password} gives for {@code method}. Only MD5 and MD5-sess, qop auth or none. */
    boolean matches(String method, String password) {
        if (username == null || realm == null || nonce == null || uri == null || response == null) {
            return false;
        }
        boolean withQop = qop != null;
        if (withQop && (!qop.equalsIgnoreCase("auth") || cnonce == null || nc == null)) {
            return false; // auth-int is never offered, so never answered
        }
        int count;
        try {
            count = withQop ? Integer.parseUnsignedInt(nc, 16) : 1;
        } catch (NumberFormatException e) {
            return false;
        }
        DigestChallenge challenge = new DigestChallenge(realm, nonce, opaque, algorithm, withQop ? "auth" : null);
        if (!challenge.supported()) {
            return false;
        }
        DigestAnswer expected = DigestAnswer.answer(challenge, username, password, method, uri, cnonce, count);
        if (withQop && !expected.nonceCount().equalsIgnoreCase(nc)) {
            return false; // nc must be the 8 hex digits it hashes as (RFC 2617 §3.2.2)
        }
        // Constant time: the response is a secret-derived value an attacker could probe byte by byte.
        return MessageDigest.isEqual(expected.response().getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
