package org.outdial.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.RateLimitSettings;

/** The one hashed-secret store over the real schema: only the hash is kept, found by the secret, revoked. */
class HashedSecretsTest {

    @Test
    void aSecretIsFoundByItselfOnlyItsHashIsStoredAndARevokedOneIsGone() throws Exception {
        try (OutdialServer server = OutdialServer.start(TestApi.config(1 << 20, RateLimitSettings.unlimited()),
                java.time.InstantSource.system(), java.util.List.of())) {
            HashedSecrets keys = new HashedSecrets(server.database().dataSource(),
                    new HashedSecrets.Table("api_key", "key_hash", null));
            HashedSecrets.Created one = keys.create("crm", null, "", Instant.parse("2026-01-01T00:00:00Z"));
            HashedSecrets.Created two = keys.create("crm", null, "7.", Instant.parse("2026-01-01T00:00:00Z"));
            assertEquals(43, one.secret().length());
            assertTrue(two.secret().startsWith("7."));
            assertNotEquals(one.secret(), two.secret().substring(2));
            assertEquals(one.stored().id(), keys.findBySecret(one.secret()).orElseThrow().id());
            assertTrue(keys.findBySecret(one.secret() + "x").isEmpty());
            try (Connection c = server.database().dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT key_hash FROM api_key ORDER BY id")) {
                while (rs.next()) {
                    assertFalse(rs.getString(1).contains(one.secret()));
                    assertEquals(64, rs.getString(1).length());
                }
            }
            assertTrue(keys.revoke(one.stored().id()));
            assertFalse(keys.revoke(one.stored().id()));
            assertTrue(keys.findBySecret(one.secret()).isEmpty());
            assertEquals(1, keys.list().size());
        }
    }
}
