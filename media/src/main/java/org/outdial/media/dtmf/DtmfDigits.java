package org.outdial.media.dtmf;

/** The DTMF digits and their RFC 4733 §3.2 event codes: 0-9 are 0-9, * is 10, # is 11, A-D are 12-15. */
public final class DtmfDigits {

    private static final String DIGITS = "0123456789*#ABCD";

    private DtmfDigits() {
    }

    /** The event code of a digit (case-insensitive for A-D). */
    public static int eventCode(char digit) {
        int code = DIGITS.indexOf(Character.toUpperCase(digit));
        if (code < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        return code;
    }

    public static boolean isDigit(char c) {
        return DIGITS.indexOf(Character.toUpperCase(c)) >= 0;
    }

    /** True for the codes 0..15 that carry a DTMF digit. */
    public static boolean isDtmfEvent(int eventCode) {
        return eventCode >= 0 && eventCode < DIGITS.length();
    }

    /** The digit of an event code 0..15. */
    public static char digit(int eventCode) {
        if (!isDtmfEvent(eventCode)) {
            throw new IllegalArgumentException("event code " + eventCode + " is not a DTMF digit (0..15)");
        }
        return DIGITS.charAt(eventCode);
    }
}
