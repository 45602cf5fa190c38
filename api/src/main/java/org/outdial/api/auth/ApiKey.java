package org.outdial.api.auth;

import java.time.Instant;

/**
 * A stored API key, without its secret (only the secret's SHA-256 is stored).
 *
 * @param id        row id in {@code api_key}
 * @param name      the operator's label, 1..100 characters
 * @param createdAt when it was created
 */
public record ApiKey(long id, String name, Instant createdAt) {
}
