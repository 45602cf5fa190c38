package org.outdial.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The access log must not keep incoming webhooks' tokens, which are secrets carried in the URL. */
class AccessLogTest {

    @Test
    void theTokenParameterIsMaskedWhereverItIs() {
        assertEquals("/tracking/webhook/event?token=***&action=AUTODIAL_ADD&id=1",
                RequestDispatcher.withoutSecrets("/tracking/webhook/event?token=Lrq_N7-GRb1&action=AUTODIAL_ADD&id=1"));
        assertEquals("/tracking/webhook/event?action=AUTODIAL_ADD&token=***",
                RequestDispatcher.withoutSecrets("/tracking/webhook/event?action=AUTODIAL_ADD&token=Lrq%2BN7"));
    }

    @Test
    void otherParametersAreLeftAsTheyAre() {
        assertEquals("/api/dictionary?type=AUDIO_ALL&mytoken=x",
                RequestDispatcher.withoutSecrets("/api/dictionary?type=AUDIO_ALL&mytoken=x"));
    }
}
