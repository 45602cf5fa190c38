package org.outdial.sip.registrar;

import java.util.Optional;

/**
 * The operators' lines as the registrar needs them: a line's SIP digest password, by its number
 * (the user part of the REGISTER's To and the digest user name). The engine's operator lines
 * implement it; the registrar never stores a password.
 */
@FunctionalInterface
public interface LineCredentials {

    /** The SIP password of line {@code line}, or empty when there is no such line. */
    Optional<String> passwordOf(String line);

    /** No lines at all: every REGISTER is refused as for an unknown user. */
    static LineCredentials none() {
        return line -> Optional.empty();
    }
}
