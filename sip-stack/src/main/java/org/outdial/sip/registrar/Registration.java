package org.outdial.sip.registrar;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One operator line registered to Outdial: where its phone is reached and until when.
 *
 * @param line      the line number (the REGISTER's user)
 * @param contact   the Contact URI the phone registered, as sent
 * @param transport {@code udp} or {@code tcp}, the transport the REGISTER came over
 * @param reachedAt where requests to the phone really go: the REGISTER's source address when it
 *                  differs from the Contact (a phone behind NAT, RFC 3581 {@code rport}/{@code received})
 * @param expiresAt when the binding lapses unless the phone registers again
 * @param userAgent the phone's User-Agent header, or null
 */
public record Registration(String line, String contact, String transport, InetSocketAddress reachedAt,
                           Instant expiresAt, String userAgent) {

    public Registration {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(reachedAt, "reachedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
