package org.outdial.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} header (draft-ietf-httpapi-idempotency-key-header) for every write
 * route at once: the first request with a key claims it in table {@code idempotency_key}, runs,
 * and its answer is stored there before it is sent; a retry with the same key and the same
 * request (method, path with query, body) within {@link #RETENTION} gets that answer again,
 * marked {@code Idempotent-Replayed: true}, without its handler running. Why here and not per
 * route: a client that retries after a timeout must never add numbers or place a call twice, on
 * whichever facade, and one rule in the HTTP layer cannot be forgotten by a new route.
 *
 * <p>Keys are scoped by caller (API key id, or "public" for routes without a key), so two clients
 * cannot replay each other's answers. 5xx answers are not stored (the claim is dropped) so that
 * the client can retry them.
 */
public final class Idempotency {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** The header on a replayed answer. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** How long an answer is kept and replayed. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** How often, at most, expired rows are deleted (on the way of a request that has a key). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    static final int MAX_KEY_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource ds;
    private final InstantSource clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    private Idempotency(DataSource ds, InstantSource clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Keys stored in {@code ds}. Claims left by a previous run (it stopped while a request was
     * running) are dropped now: nothing can still be running them, and leaving them would answer
     * 409 for a day.
     */
    public static Idempotency over(DataSource ds, InstantSource clock) {
        Idempotency idempotency = new Idempotency(ds, clock);
        idempotency.update("DELETE FROM idempotency_key WHERE status IS NULL");
        return idempotency;
    }

    /** True for the methods that change data: the only ones the header applies to. */
    static boolean applies(io.netty.handler.codec.http.HttpMethod method) {
        String name = method.name();
        return name.equals("POST") || name.equals("PUT") || name.equals("PATCH") || name.equals("DELETE");
    }

    /**
     * The key of {@code request}, checked: 1 to 255 printable ASCII characters.
     *
     * @throws HttpException 400 naming the header otherwise
     */
    static Optional<String> keyOf(Request request) {
        Optional<String> key = request.header(HEADER);
        if (key.isEmpty()) {
            return key;
        }
        String value = key.get();
        if (value.isEmpty() || value.length() > MAX_KEY_LENGTH) {
            throw HttpException.badRequest("Wrong value for header 'Idempotency-Key': expected 1 to "
                    + MAX_KEY_LENGTH + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw HttpException.badRequest(
                        "Wrong value for header 'Idempotency-Key': expected printable ASCII characters only");
            }
        }
        return key;
    }

    /** SHA-256 of method, URI (path and query) and body: what "the same request" means. */
    static String fingerprint(String method, String uri, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(method.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(uri.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** What {@link #begin} decided. */
    sealed interface Start permits Claimed, Replay {
    }

    /** The key was free and is now this request's: run it, then {@link #complete} or {@link #release}. */
    record Claimed(String owner, String key) implements Start {
    }

    /** The stored answer of the first request with this key. */
    record Replay(int status, String contentType, byte[] body) implements Start {
    }

    /**
     * Claims {@code key} for {@code owner}'s request with {@code fingerprint}, or finds the answer
     * to replay.
     *
     * @throws HttpException 422 when the key was used with another request, 409 when the first
     *                       request with it is still running
     */
    Start begin(String owner, String key, String fingerprint) {
        Instant now = clock.instant();
        purgeNowAndThen(now);
        Instant oldest = now.minus(RETENTION);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryClaim(owner, key, fingerprint, now)) {
                return new Claimed(owner, key);
            }
            Optional<Stored> stored = find(owner, key);
            if (stored.isEmpty()) {
                continue; // released or purged meanwhile
            }
            Stored row = stored.get();
            if (row.createdAt().isBefore(oldest)) {
                deleteExpired(owner, key, oldest);
                continue;
            }
            if (!row.fingerprint().equals(fingerprint)) {
                throw new HttpException(422, "Idempotency-Key '" + key
                        + "' was used with another request; use a new key for a different request");
            }
            if (row.status() == null) {
                throw new HttpException(409, "A request with this Idempotency-Key is still being processed; "
                        + "retry when it has finished");
            }
            return new Replay(row.status(), row.contentType(), row.body());
        }
        throw new HttpException(409, "A request with this Idempotency-Key is still being processed; "
                + "retry when it has finished");
    }

    /**
     * Stores the answer of a claimed request before it is sent; a 5xx answer is not stored but
     * releases the key, so that a retry runs again. When the database fails here the answer is
     * still sent and the claim stays (a retry then answers 409 until the next restart or purge),
     * which errs on the side of not acting twice.
     */
    void complete(Claimed claim, int status, String contentType, byte[] body) {
        if (status >= 500) {
            release(claim);
            return;
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE idempotency_key SET status = ?, content_type = ?, body = ? WHERE owner = ? AND idem_key = ?")) {
            ps.setInt(1, status);
            ps.setString(2, contentType);
            ps.setBytes(3, body);
            ps.setString(4, claim.owner());
            ps.setString(5, claim.key());
            ps.executeUpdate();
        } catch (SQLException e) {
            log.error("Could not store the answer for Idempotency-Key '{}' of {}; its retries will answer 409",
                    claim.key(), claim.owner(), e);
        }
    }

    /** Drops a claim whose request ended without an answer worth keeping. */
    void release(Claimed claim) {
        update("DELETE FROM idempotency_key WHERE owner = ? AND idem_key = ? AND status IS NULL",
                claim.owner(), claim.key());
    }

    private boolean tryClaim(String owner, String key, String fingerprint, Instant now) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO idempotency_key (owner, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, owner);
            ps.setString(2, key);
            ps.setString(3, fingerprint);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("Idempotency-Key claim failed", e);
        }
    }

    private record Stored(String fingerprint, Instant createdAt, Integer status, String contentType, byte[] body) {
    }

    private Optional<Stored> find(String owner, String key) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT fingerprint, created_at, status, content_type, body"
                     + " FROM idempotency_key WHERE owner = ? AND idem_key = ?")) {
            ps.setString(1, owner);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int status = rs.getInt(3);
                Integer maybe = rs.wasNull() ? null : status;
                return Optional.of(new Stored(rs.getString(1), rs.getTimestamp(2).toInstant(), maybe,
                        rs.getString(4), rs.getBytes(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency-Key lookup failed", e);
        }
    }

    private void deleteExpired(String owner, String key, Instant oldest) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM idempotency_key WHERE owner = ? AND idem_key = ? AND created_at < ?")) {
            ps.setString(1, owner);
            ps.setString(2, key);
            ps.setTimestamp(3, Timestamp.from(oldest));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency-Key cleanup failed", e);
        }
    }

    private void purgeNowAndThen(Instant now) {
        Instant last = lastPurge.get();
        if (!last.equals(Instant.MIN) && now.isBefore(last.plus(PURGE_EVERY)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_key WHERE created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now.minus(RETENTION)));
            int removed = ps.executeUpdate();
            log.debug("Purged {} Idempotency-Key answers older than {}", removed, RETENTION);
        } catch (SQLException e) {
            log.warn("Could not purge expired Idempotency-Key answers", e);
        }
    }

    private void update(String sql, String... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency-Key update failed: " + sql, e);
        }
    }
}
