package org.outdial.api.jsonrpc;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.outdial.api.auth.ApiKey;
import org.outdial.api.auth.ApiKeys;

/**
 * Who a Call API request is, from its {@code access_token} (seed 000, "Access by login and
 * password" and "Access by key"). Two kinds of token, both mapped onto Outdial's API keys
 * (docs/API.md "Authentication"), so that one list of keys rules every API:
 * <ul>
 *   <li>A permanent key is an API key itself ({@code outdial keys create}). It is
 *       {@code access_token_blocked} when its id is in {@code json-rpc.blocked-keys}, and
 *       {@code access_token_expired} once {@code json-rpc.key-lifetime} has passed since its
 *       creation (when set).</li>
 *   <li>A session key comes from {@code login.user}: the login is an API key's name and the
 *       password the key. It is valid {@value #SESSION_HOURS} hour (the seed's default), until
 *       {@code logout.user}, and held in memory: a restart ends every session.</li>
 * </ul>
 * Any other token is {@code access_token_invalid}. Session keys are stored by their SHA-256, as
 * API keys are.
 */
final class AccessTokens {

    static final int SESSION_HOURS = 1;
    private static final Duration SESSION = Duration.ofHours(SESSION_HOURS);
    private static final int SECRET_BYTES = 32;
    /** A bound on live sessions: a client that logs in without logging out cannot fill memory. */
    private static final int MAX_SESSIONS = 10_000;

    /** An authenticated request's key, and the session it came by (null for a permanent key). */
    record Holder(long keyId, String keyName, String sessionHash) {
    }

    /** A new session. */
    record Session(String accessToken, Instant expiresAt) {
    }

    private record Live(long keyId, String keyName, Instant expiresAt) {
    }

    private final ApiKeys keys;
    private final Set<Long> blocked;
    private final Duration keyLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Live> sessions = new ConcurrentHashMap<>();

    AccessTokens(ApiKeys keys, Set<Long> blocked, Duration keyLifetime) {
        this.keys = keys;
        this.blocked = Set.copyOf(blocked);
        this.keyLifetime = keyLifetime;
    }

    /** {@code login.user}: a session key for the API key named {@code login} whose secret is {@code password}. */
    Session login(String login, String password, Instant now) {
        ApiKey key = keys.findBySecret(password).filter(k -> k.name().equals(login))
                .orElseThrow(() -> RpcException.of(RpcError.AUTH_ERROR));
        permanent(key, now);
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
        if (sessions.size() >= MAX_SESSIONS) {
            throw RpcException.of(RpcError.LIMIT_EXCEEDED).with("limit_type", "sessions")
                    .with("limit_max_value", MAX_SESSIONS);
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = now.plus(SESSION);
        sessions.put(ApiKeys.hash(token), new Live(key.id(), key.name(), expires));
        return new Session(token, expires);
    }

    /** {@code logout.user}: ends the session {@code holder} came by. */
    void logout(Holder holder) {
        if (holder.sessionHash() == null) {
            throw RpcException.of(RpcError.INVALID_PARAMETER_VALUE, "access_token", null)
                    .with("reason", "a permanent key has no session to end");
        }
        sessions.remove(holder.sessionHash());
    }

    /** The holder of {@code token}, or the seed's refusal. */
    Holder authenticate(String token, Instant now) {
        String hash = ApiKeys.hash(token);
        Live session = sessions.get(hash);
        if (session != null) {
            if (session.expiresAt().isAfter(now)) {
                // A session lasts no longer than its key: a key blocked or revoked since ends it too.
                if (keys.find(session.keyId()).isEmpty()) {
                    sessions.remove(hash);
                    throw RpcException.of(RpcError.ACCESS_TOKEN_INVALID);
                }
                if (blocked.contains(session.keyId())) {
                    throw RpcException.of(RpcError.ACCESS_TOKEN_BLOCKED);
                }
                return new Holder(session.keyId(), session.keyName(), hash);
            }
            sessions.remove(hash);
            throw RpcException.of(RpcError.ACCESS_TOKEN_INVALID);
        }
        Optional<ApiKey> key = keys.findBySecret(token);
        if (key.isEmpty()) {
            throw RpcException.of(RpcError.ACCESS_TOKEN_INVALID);
        }
        permanent(key.get(), now);
        return new Holder(key.get().id(), key.get().name(), null);
    }

    private void permanent(ApiKey key, Instant now) {
        if (blocked.contains(key.id())) {
            throw RpcException.of(RpcError.ACCESS_TOKEN_BLOCKED);
        }
        if (!keyLifetime.isZero() && !key.createdAt().plus(keyLifetime).isAfter(now)) {
            throw RpcException.of(RpcError.ACCESS_TOKEN_EXPIRED);
        }
    }
}
