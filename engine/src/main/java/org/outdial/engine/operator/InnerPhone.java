package org.outdial.engine.operator;

import java.util.regex.Pattern;
import org.outdial.engine.error.EngineException;

/**
 * An operator's SIP line ("inner phone" in UniTalk): the number the operator's softphone registers
 * as, its SIP digest password, and the operator's name as the seed's group listing shows it.
 *
 * @param number    1..20 digits, the SIP user name ("4030")
 * @param password  8..100 characters without spaces; used for digest authentication of REGISTER
 * @param firstName may be null; at most 100 characters
 * @param lastName  may be null; at most 100 characters
 */
public record InnerPhone(String number, String password, String firstName, String lastName) {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");
    /** Printable ASCII without blanks: it is typed into softphones and sent in digest headers. */
    private static final Pattern PASSWORD = Pattern.compile("[\\x21-\\x7E]{8,100}");
    private static final int MAX_NAME = 100;

    public InnerPhone {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw EngineException.invalid("Wrong number");
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            throw EngineException.invalid("Wrong password");
        }
        firstName = optionalName(firstName, "First name length more than 100 chars");
        lastName = optionalName(lastName, "Last name length more than 100 chars");
    }

    private static String optionalName(String value, String tooLong) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_NAME) {
            throw EngineException.invalid(tooLong);
        }
        return trimmed;
    }

    /** "Alexander Maksimov", or the number when the line has no operator name. */
    public String displayName() {
        String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return full.isEmpty() ? number : full;
    }
}
