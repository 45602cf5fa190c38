package org.outdial.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * API keys in table {@code api_key}. A key is 32 bytes from {@link SecureRandom} in URL-safe
 * base64 (43 characters). Only its SHA-256 is stored: a key has 256 bits of entropy, so a fast
 * hash is enough (nobody can guess keys against the hash, unlike passwords, which need a slow one).
 */
public final class ApiKeys {

    private static final int SECRET_BYTES = 32;
    private static final int MAX_NAME = 100;

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A new key and its secret, which is shown once and never stored. */
    public record Created(ApiKey key, String secret) {
    }

    public Created create(String name, Instant now) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new IllegalArgumentException("name must be 1.." + MAX_NAME + " characters, was " + trimmed.length());
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO api_key (name, key_hash, created_at) VALUES (?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, trimmed);
            insert.setString(2, hash(secret));
            insert.setTimestamp(3, Timestamp.from(createdAt));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Created(new ApiKey(keys.getLong(1), trimmed, createdAt), secret);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the API key: " + e.getMessage(), e);
        }
    }

    /** The key whose secret is {@code secret}, straight from the database. */
    public Optional<ApiKey> findBySecret(String secret) {
        return findByHash(hash(secret));
    }

    Optional<ApiKey> findByHash(String hash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, name, created_at FROM api_key WHERE key_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read API keys: " + e.getMessage(), e);
        }
    }

    /** Key {@code id}, straight from the database; empty once revoked. */
    public Optional<ApiKey> find(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, name, created_at FROM api_key WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read API keys: " + e.getMessage(), e);
        }
    }

    public List<ApiKey> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, name, created_at FROM api_key ORDER BY id");
             ResultSet rs = select.executeQuery()) {
            List<ApiKey> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(read(rs));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read API keys: " + e.getMessage(), e);
        }
    }

    /** Deletes key {@code id}; false when there was none. A running server forgets it within its cache TTL. */
    public boolean revoke(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM api_key WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke the API key: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes: what {@code api_key.key_hash} holds. */
    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant());
    }
}
