package org.outdial.api.incoming;

import java.time.Instant;

/**
 * A stored incoming-webhook token, without its secret (only the secret's SHA-256 is stored).
 *
 * @param id        row id in {@code webhook_token}
 * @param name      the operator's label, 1..100 characters
 * @param createdAt when it was created
 */
public record WebhookToken(long id, String name, Instant createdAt) {
}
