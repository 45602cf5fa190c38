package org.outdial.api.incoming;

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
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.outdial.api.auth.ApiKeys;
import org.outdial.engine.error.EngineException;

/**
 * Tokens of seed 004's incoming webhooks in table {@code webhook_token}. Seed 004 has the user
 * "generate a token" and put it in the link ({@code ?token=...}); a token stands for the whole
 * project, the link names the autodialer. Like an API key, a token is 32 bytes from
 * {@link SecureRandom} in URL-safe base64 (43 characters, safe in a query string as is), and only
 * its SHA-256 is stored ({@link ApiKeys#hash}): with 256 bits of entropy a fast hash is enough.
 * Lookups are not cached, so a revoked token is refused from the next request on.
 */
public final class WebhookTokens {

    private static final int SECRET_BYTES = 32;
    static final int MAX_NAME = 100;

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    public WebhookTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A new token and its secret, which is shown once and never stored. */
    public record Created(WebhookToken token, String secret) {
    }

    /**
     * @throws EngineException "Name is empty", "Name length more than 100 chars"
     */
    public Created create(String name, Instant now) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw EngineException.invalid("Name is empty");
        }
        if (trimmed.length() > MAX_NAME) {
            throw EngineException.invalid("Name length more than " + MAX_NAME + " chars");
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO webhook_token (name, token_hash, created_at) VALUES (?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, trimmed);
            insert.setString(2, ApiKeys.hash(secret));
            insert.setTimestamp(3, Timestamp.from(createdAt));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Created(new WebhookToken(keys.getLong(1), trimmed, createdAt), secret);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the webhook token: " + e.getMessage(), e);
        }
    }

    /** The token whose secret is {@code secret}. */
    public Optional<WebhookToken> findBySecret(String secret) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, name, created_at FROM webhook_token WHERE token_hash = ?")) {
            select.setString(1, ApiKeys.hash(secret));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read webhook tokens: " + e.getMessage(), e);
        }
    }

    public List<WebhookToken> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, name, created_at FROM webhook_token ORDER BY id");
             ResultSet rs = select.executeQuery()) {
            List<WebhookToken> tokens = new ArrayList<>();
            while (rs.next()) {
                tokens.add(read(rs));
            }
            return tokens;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read webhook tokens: " + e.getMessage(), e);
        }
    }

    /** Deletes token {@code id}; false when there was none. Links with it are refused at once. */
    public boolean revoke(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM webhook_token WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke the webhook token: " + e.getMessage(), e);
        }
    }

    private static WebhookToken read(ResultSet rs) throws SQLException {
        return new WebhookToken(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant());
    }
}
