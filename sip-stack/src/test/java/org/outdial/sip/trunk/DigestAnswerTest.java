package org.outdial.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DigestAnswerTest {

    private static final String NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

    @Test
    void rfc2617ExampleWithQopAuthGivesThePublishedResponse() {
        // RFC 2617 §3.5: user Mufasa, password "Circle Of Life", GET /dir/index.html
        DigestChallenge challenge = new DigestChallenge("testrealm@host.com", NONCE,
                "5ccc069c403ebaf9f0171e9517f40e41", "MD5", "auth,auth-int");

        DigestAnswer answer = DigestAnswer.answer(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
                "0a4f113b", 1);

        assertEquals("6629fae49393a05397450978507c4ef1", answer.response());
        assertEquals("auth", answer.qop());
        assertEquals("00000001", answer.nonceCount());
        assertEquals("5ccc069c403ebaf9f0171e9517f40e41", answer.opaque());
    }

    @Test
    void challengeWithoutQopUsesTheRfc2069Response() {
        // RFC 2069 §2.4 example with its erratum's corrected value.
        DigestChallenge challenge = new DigestChallenge("testrealm@host.com", NONCE, null, null, null);

        DigestAnswer answer = DigestAnswer.answer(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
                "unused", 1);

        assertEquals("670fd8c2df070c60b045671b8b24ff02", answer.response());
        assertNull(answer.qop());
        assertNull(answer.cnonce());
        assertEquals("MD5", answer.algorithm());
    }

    @Test
    void md5SessHashesTheNoncesIntoHa1() {
        // Value computed independently (Python hashlib) for RFC 2617 §3.2.2.2's A1 with MD5-sess.
        DigestChallenge challenge = new DigestChallenge("testrealm@host.com", NONCE, null, "MD5-sess", "auth");

        DigestAnswer answer = DigestAnswer.answer(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
                "0a4f113b", 1);

        assertEquals("8e3825c57e897f5a0dec6c2d4e5059d0", answer.response());
    }

    @Test
    void sha256AndAuthIntOnlyChallengesAreNotAnswered() {
        assertFalse(new DigestChallenge("r", "n", null, "SHA-256", "auth").supported());
        assertFalse(new DigestChallenge("r", "n", null, "MD5", "auth-int").supported());
        assertThrows(IllegalArgumentException.class, () -> DigestAnswer.answer(
                new DigestChallenge("r", "n", null, "SHA-256", null), "u", "p", "INVITE", "sip:1@h", "c", 1));
    }
}
