package org.outdial.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigestCredentialsTest {

    /** RFC 2617 §3.5: Mufasa, "Circle Of Life", GET /dir/index.html, qop=auth, nc=00000001. */
    private static final DigestCredentials RFC_2617 = new DigestCredentials("Mufasa", "testrealm@host.com",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "6629fae49393a05397450978507c4ef1", null,
            "5ccc069c403ebaf9f0171e9517f40e41", "auth", "0a4f113b", "00000001");

    @Test
    void theRfc2617ExampleVerifies() {
        assertTrue(RFC_2617.matches("GET", "Circle Of Life"));
    }

    @Test
    void theRfc7616Md5ExampleVerifies() {
        // RFC 7616 §3.9.1, the MD5 response (note "Circle of Life", lower-case o).
        DigestCredentials rfc7616 = new DigestCredentials("Mufasa", "http-auth@example.org",
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "/dir/index.html", "8ca523f5e9506fed4657c9700eebdbec",
                "MD5", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", "auth",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "00000001");
        assertTrue(rfc7616.matches("GET", "Circle of Life"));
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        assertFalse(RFC_2617.matches("GET", "Circle of Life"));
    }

    @Test
    void theMethodIsPartOfTheDigest() {
        assertFalse(RFC_2617.matches("REGISTER", "Circle Of Life"));
    }

    @Test
    void anUpperCaseResponseStillVerifies() {
        DigestCredentials upper = new DigestCredentials("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "6629FAE49393A05397450978507C4EF1", null,
                null, "auth", "0a4f113b", "00000001");
        assertTrue(upper.matches("GET", "Circle Of Life"));
    }

    @Test
    void anRfc2069AnswerWithoutQopVerifies() {
        // RFC 2069 §2.1.2's formula MD5(HA1:nonce:HA2) on the RFC 2617 inputs, computed apart with
        // Python's hashlib (RFC 2069's own printed example does not reproduce from its inputs).
        DigestCredentials noQop = new DigestCredentials("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "670fd8c2df070c60b045671b8b24ff02", null,
                null, null, null, null);
        assertTrue(noQop.matches("GET", "Circle Of Life"));
    }

    @Test
    void qopAuthIntAndMissingFieldsAreRefused() {
        DigestCredentials authInt = new DigestCredentials("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "6629fae49393a05397450978507c4ef1", null,
                null, "auth-int", "0a4f113b", "00000001");
        assertFalse(authInt.matches("GET", "Circle Of Life"));
        DigestCredentials noCnonce = new DigestCredentials("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "6629fae49393a05397450978507c4ef1", null,
                null, "auth", null, "00000001");
        assertFalse(noCnonce.matches("GET", "Circle Of Life"));
        DigestCredentials shortNc = new DigestCredentials("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "6629fae49393a05397450978507c4ef1", null,
                null, "auth", "0a4f113b", "1");
        assertFalse(shortNc.matches("GET", "Circle Of Life"));
    }
}
