package org.outdial.api.incoming;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.outdial.api.auth.HashedSecrets;
import org.outdial.engine.error.EngineException;

/**
 * Tokens of seed 004's incoming webhooks in table {@code webhook_token}, a {@link HashedSecrets}
 * table. Seed 004 has the user "generate a token" and put it in the link ({@code ?token=...}); a
 * token stands for the whole project, the link names the autodialer. Like an API key, a token is
 * 32 bytes from {@link SecureRandom} in URL-safe base64 (43 characters, safe in a query string as
 * is), and only its SHA-256 is stored. Lookups are not cached, so a revoked token is refused from
 * the next request on.
 */
public final class WebhookTokens {

    static final int MAX_NAME = 100;
    private static final HashedSecrets.Table TABLE = new HashedSecrets.Table("webhook_token", "token_hash", null);

    private final HashedSecrets secrets;

    public WebhookTokens(DataSource dataSource) {
        this.secrets = new HashedSecrets(dataSource, TABLE);
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
        HashedSecrets.Created created = secrets.create(trimmed, null, "", now);
        return new Created(token(created.stored()), created.secret());
    }

    /** The token whose secret is {@code secret}. */
    public Optional<WebhookToken> findBySecret(String secret) {
        return secrets.findBySecret(secret).map(WebhookTokens::token);
    }

    public List<WebhookToken> list() {
        return secrets.list().stream().map(WebhookTokens::token).toList();
    }

    /** Deletes token {@code id}; false when there was none. Links with it are refused at once. */
    public boolean revoke(long id) {
        return secrets.revoke(id);
    }

    private static WebhookToken token(HashedSecrets.Stored stored) {
        return new WebhookToken(stored.id(), stored.name(), stored.createdAt());
    }
}
