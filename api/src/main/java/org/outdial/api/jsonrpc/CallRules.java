package org.outdial.api.jsonrpc;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import org.outdial.engine.number.PhoneNumbers;

/**
 * What seed 000 and 001 check of a call's numbers before it is placed: the virtual number is one
 * of the project's ({@code virtual_phone_number_not_found}), the contact is a number in
 * international format and not one of the project's own ({@code own_virtual_phone_number_not_allowed}),
 * and the call's direction is allowed by the security rules (seed 000: "By default international
 * calls are not permitted. Other call types are allowed"). A call is international when the
 * contact's country, as libphonenumber reads it, is not the virtual number's.
 */
final class CallRules {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final CallApiSettings settings;

    CallRules(CallApiSettings settings) {
        this.settings = settings;
    }

    /** The virtual number as stored (E.164 digits). */
    String virtualNumber(RpcParams params) {
        String raw = params.text("virtual_phone_number", true);
        String number = e164(raw);
        if (number == null) {
            throw params.invalid("virtual_phone_number");
        }
        if (!settings.virtualNumbers().contains(number)) {
            throw params.refusal(RpcError.VIRTUAL_PHONE_NUMBER_NOT_FOUND, "virtual_phone_number")
                    .with("virtual_phone_number", raw);
        }
        return number;
    }

    /** The contact as stored, checked against the virtual number's country. */
    String contact(RpcParams params, String virtualNumber) {
        String raw = params.text("contact", true);
        String number = e164(raw);
        if (number == null) {
            throw params.invalid("contact");
        }
        if (settings.virtualNumbers().contains(number)) {
            throw params.refusal(RpcError.OWN_VIRTUAL_PHONE_NUMBER_NOT_ALLOWED, "contact");
        }
        if (!settings.internationalCalls() && international(number, virtualNumber)) {
            throw params.refusal(RpcError.CALL_DIRECTION_PROHIBITED, "contact").with("call_direction", "international");
        }
        return number;
    }

    /** Seed 001: "Format of the number should comply with the international standart E.164 (for example, 74993720692)". */
    private static String e164(String raw) {
        return raw.matches("\\+?[1-9][0-9]{2,14}") ? PhoneNumbers.normalize(raw) : null;
    }

    /**
     * Whether {@code a} and {@code b} are in different countries: different country calling codes,
     * or one code shared by several countries (+1, +7) with two regions libphonenumber tells
     * apart. A number whose region it cannot tell (a range newer than the library) counts as
     * being in its code's country.
     */
    static boolean international(String a, String b) {
        try {
            var first = UTIL.parse("+" + a, "ZZ");
            var second = UTIL.parse("+" + b, "ZZ");
            if (first.getCountryCode() != second.getCountryCode()) {
                return true;
            }
            String r1 = UTIL.getRegionCodeForNumber(first);
            String r2 = UTIL.getRegionCodeForNumber(second);
            return r1 != null && r2 != null && !r1.equals(r2);
        } catch (NumberParseException e) {
            return true; // not read as a number at all: the safe side of a security rule
        }
    }

    static final List<String> DIRECTIONS = List.of("in", "out");
}
