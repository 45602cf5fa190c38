package org.outdial.engine.number;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Turns what clients send into the form Outdial stores: E.164 digits without the '+'
 * ("+38(097)11-11 111" becomes "380971111111"), as the seed's examples show.
 *
 * <p>The seed says numbers "must be specified in international format; all third-party
 * characters will be previously removed". So every character but digits is dropped, the
 * digits are read as an international number, and the number is accepted when libphonenumber
 * knows its country calling code and its length is possible for that country
 * ({@link PhoneNumberUtil#isPossibleNumberWithReason}). Outdial deliberately does not require
 * {@code isValidNumber}: that check rejects numbers from ranges allocated after the library's
 * release, and a dialer must be able to call them; a wrong country code or a wrong length is
 * still rejected. Numbers of more than 15 digits (E.164's maximum) are always rejected.
 */
public final class PhoneNumbers {

    /** E.164: at most 15 digits including the country code. */
    private static final int MAX_DIGITS = 15;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final java.util.Set<Integer> CALLING_CODES = java.util.Set.copyOf(UTIL.getSupportedCallingCodes());

    private PhoneNumbers() {
    }

    /** The stored form of {@code raw}, or null when it is not a possible international number. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = digitsOf(raw);
        if (digits.length() < 3 || digits.length() > MAX_DIGITS || digits.charAt(0) == '0') {
            return null;
        }
        PhoneNumber direct = direct(digits);
        if (direct != null) {
            return UTIL.isPossibleNumberWithReason(direct) == ValidationResult.IS_POSSIBLE ? digits : null;
        }
        try {
            PhoneNumber number = UTIL.parse("+" + digits, "ZZ");
            if (UTIL.isPossibleNumberWithReason(number) != ValidationResult.IS_POSSIBLE) {
                return null;
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The number read without libphonenumber's general parser, which costs several microseconds
     * a number (too much for 100,000 at once): the country calling code is the 1-3 digit prefix
     * that libphonenumber knows (E.164 codes are prefix-free), the rest is the national number.
     * Returns null when that short cut does not apply (unknown code, national number with a
     * leading zero), and the full parser decides.
     */
    private static PhoneNumber direct(String digits) {
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            int code = Integer.parseInt(digits, 0, length, 10);
            if (!CALLING_CODES.contains(code)) {
                continue;
            }
            if (digits.charAt(length) == '0' || digits.length() - length > 17) {
                return null;
            }
            return new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(digits.substring(length)));
        }
        return null;
    }

    /** Every digit of {@code raw}, in order; anything else is a third-party character. */
    public static String digitsOf(String raw) {
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
