package org.outdial.sip.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeTableTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
            "200, ANSWERED, 16", "202, ANSWERED, 16",
            "486, BUSY, 17", "600, BUSY, 17",
            "480, NO_ANSWER, 18", "408, NO_ANSWER, 102",
            "404, NOT_EXIST, 1", "484, NOT_EXIST, 28", "485, NOT_EXIST, 1", "604, NOT_EXIST, 1", "410, NOT_EXIST, 22",
            "603, REJECTED, 21",
            "403, WRONG_DIRECTION, 21", "488, WRONG_DIRECTION, 127", "606, WRONG_DIRECTION, 58",
            "503, CONGESTION, 34",
            "500, FAILED, 41", "502, FAILED, 38", "504, FAILED, 102", "501, FAILED, 79", "580, FAILED, 41",
            "302, FAILED, 23", "401, FAILED, 21", "407, FAILED, 21", "481, FAILED, 41", "420, FAILED, 127",
            "487, FAILED, 127"})
    void finalResponsesMapAsDocumented(int status, Outcome outcome, int q850) {
        assertEquals(new Classification(outcome, q850), OutcomeTable.forResponse(status));
    }

    @ParameterizedTest
    @CsvSource({"RING_TIMEOUT, NO_ANSWER, 19", "ABANDONED, CANCELLED, 16",
            "NO_RESPONSE, FAILED, 102", "TRANSPORT_ERROR, FAILED, 38", "BAD_ANSWER, FAILED, 88",
            "LOCAL_ERROR, FAILED, 41"})
    void localEventsMapAsDocumented(LocalCause cause, Outcome outcome, int q850) {
        assertEquals(new Classification(outcome, q850), OutcomeTable.forLocal(cause));
    }

    @ParameterizedTest
    @EnumSource(LocalCause.class)
    void everyLocalCauseHasACauseCode(LocalCause cause) {
        int q850 = OutcomeTable.forLocal(cause).q850();
        assertEquals(true, q850 >= 1 && q850 <= 127, cause + " -> " + q850);
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 399, 400, 499, 500, 599, 600, 699})
    void unknownCodesInEachClassStillGetAValidCause(int status) {
        int q850 = OutcomeTable.forResponse(status).q850();
        assertEquals(true, q850 >= 1 && q850 <= 127, status + " -> " + q850);
    }
}
