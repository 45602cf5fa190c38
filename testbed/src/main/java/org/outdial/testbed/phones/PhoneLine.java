package org.outdial.testbed.phones;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One operator line as Outdial stores it ({@code /api/phones/inner/action}): the line number,
 * which is the SIP user and the digest username, and its SIP password.
 */
public record PhoneLine(String number, String password) {

    public PhoneLine {
        if (number == null || !number.matches("[0-9A-Za-z._-]{1,32}")) {
            throw new IllegalArgumentException("line number must be 1..32 of [0-9A-Za-z._-], was " + number);
        }
        if (password == null) {
            throw new IllegalArgumentException("line " + number + " needs a password (may be empty)");
        }
    }

    /** {@code count} lines from {@code first} up (1001, 1002, ...), each with {@code password.apply(number)}. */
    public static List<PhoneLine> numbered(int first, int count, IntFunction<String> password) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("phone count must be 1..1000, was " + count);
        }
        List<PhoneLine> lines = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            lines.add(new PhoneLine(Integer.toString(n), password.apply(n)));
        }
        return List.copyOf(lines);
    }

    /** The demo's and tests' convention: line 1001's password is {@code pw1001}. */
    public static String conventionalPassword(int number) {
        return "pw" + number;
    }
}
