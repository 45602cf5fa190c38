package org.outdial.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallStateTest {

    @Test
    void aCallGoesFromInviteThroughRingingAndAnswerToItsEnd() {
        CallState state = CallState.CREATED.moveTo(CallState.INVITING).moveTo(CallState.EARLY)
                .moveTo(CallState.CONFIRMED).moveTo(CallState.ENDING).moveTo(CallState.ENDED);
        assertEquals(CallState.ENDED, state);
    }

    @Test
    void anAnswerRacingOurCancelIsEndedWithBye() {
        assertEquals(CallState.ENDING, CallState.CANCELLING.moveTo(CallState.ENDING));
    }

    @Test
    void illegalTransitionNamesBothStates() {
        var e = assertThrows(IllegalStateException.class, () -> CallState.ENDED.moveTo(CallState.CONFIRMED));
        assertTrue(e.getMessage().contains("ENDED") && e.getMessage().contains("CONFIRMED"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> CallState.CONFIRMED.moveTo(CallState.CANCELLING));
    }

    @Test
    void dialRequestRejectsWhatATrunkCannotDial() {
        assertThrows(IllegalArgumentException.class, () -> DialRequest.of("t", "12 34", Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> DialRequest.of("t", "1234@evil", Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> DialRequest.of("t", "1234", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> DialRequest.of("t", "1234", Duration.ofMinutes(6)));
        assertEquals("+4930123", DialRequest.of("t", "+4930123", Duration.ofSeconds(1)).number());
    }
}
