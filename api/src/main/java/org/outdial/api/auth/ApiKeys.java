package org.outdial.api.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * API keys in table {@code api_key}, a {@link HashedSecrets} table: a key is 32 bytes from
 * {@link SecureRandom} in URL-safe base64 (43 characters), and only its SHA-256 is stored.
 */
public final class ApiKeys {

    private static final int MAX_NAME = 100;
    private static final HashedSecrets.Table TABLE = new HashedSecrets.Table("api_key", "key_hash", null);

    private final HashedSecrets secrets;

    public ApiKeys(DataSource dataSource) {
        this.secrets = new HashedSecrets(dataSource, TABLE);
    }

    /** A new key and its secret, which is shown once and never stored. */
    public record Created(ApiKey key, String secret) {
    }

    public Created create(String name, Instant now) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new IllegalArgumentException("name must be 1.." + MAX_NAME + " characters, was " + trimmed.length());
        }
        HashedSecrets.Created created = secrets.create(trimmed, null, "", now);
        return new Created(key(created.stored()), created.secret());
    }

    /** The key whose secret is {@code secret}, straight from the database. */
    public Optional<ApiKey> findBySecret(String secret) {
        return secrets.findBySecret(secret).map(ApiKeys::key);
    }

    Optional<ApiKey> findByHash(String hash) {
        return secrets.findByHash(hash).map(ApiKeys::key);
    }

    /** Key {@code id}, straight from the database; empty once revoked. */
    public Optional<ApiKey> find(long id) {
        return secrets.list().stream().filter(k -> k.id() == id).findFirst().map(ApiKeys::key);
    }

    public List<ApiKey> list() {
        return secrets.list().stream().map(ApiKeys::key).toList();
    }

    /** Deletes key {@code id}; false when there was none. A running server forgets it within its cache TTL. */
    public boolean revoke(long id) {
        return secrets.revoke(id);
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes: what {@code api_key.key_hash} holds. */
    public static String hash(String secret) {
        return HashedSecrets.hash(secret);
    }

    private static ApiKey key(HashedSecrets.Stored stored) {
        return new ApiKey(stored.id(), stored.name(), stored.createdAt());
    }
}
