package org.outdial.sip.trunk;

import java.util.Locale;

/**
 * The parameters of a {@code WWW-Authenticate} or {@code Proxy-Authenticate: Digest} challenge
 * (RFC 2617 §3.2.1, RFC 3261 §22.4).
 *
 * @param realm     the protection space
 * @param nonce     the server's nonce
 * @param opaque    returned unchanged, or null
 * @param algorithm {@code MD5} (the default when absent) or {@code MD5-sess}
 * @param qop       the offered quality-of-protection list, for example {@code auth,auth-int}, or null
 */
public record DigestChallenge(String realm, String nonce, String opaque, String algorithm, String qop) {

    public DigestChallenge {
        if (realm == null || nonce == null) {
            throw new IllegalArgumentException("a Digest challenge needs realm and nonce");
        }
        algorithm = algorithm == null || algorithm.isBlank() ? "MD5" : algorithm;
    }

    /** Whether Outdial can answer it: MD5 or MD5-sess, and qop absent or offering {@code auth}. */
    public boolean supported() {
        String a = algorithm.toUpperCase(Locale.ROOT);
        return (a.equals("MD5") || a.equals("MD5-SESS")) && (qop == null || offersAuth());
    }

    boolean offersAuth() {
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.strip().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }
}
