package org.outdial.api.jsonrpc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code login.user} and {@code logout.user} (seed 000, "Access by login and password": "Reply
 * contains a key to access Call API. Default duration of a session is 1 hour"). The login is an
 * API key's name and the password the key ({@link AccessTokens}).
 */
final class UserMethods {

    /** Seed 000: "YYYY-MM-DDThh:mm:ssZ". */
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private UserMethods() {
    }

    static List<RpcMethod> of(AccessTokens tokens) {
        return List.of(
                new RpcMethod("login.user", Component.BASIC, Set.of("login", "password"), false, (p, holder, now) -> {
                    String login = p.text("login", true);
                    String password = p.text("password", true);
                    AccessTokens.Session session = tokens.login(login, password, now);
                    return Map.of("access_token", session.accessToken(),
                            "expire_at", ISO.format(session.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
                }),
                new RpcMethod("logout.user", Component.BASIC, Set.of(RpcMethod.ACCESS_TOKEN), true,
                        (p, holder, now) -> {
                            tokens.logout(holder);
                            return Map.of("success", true);
                        }));
    }
}
