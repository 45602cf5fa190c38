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
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * One table of secrets of which only the SHA-256 is stored: API keys ({@code api_key}), incoming
 * webhook tokens ({@code webhook_token}) and JAICP broadcast tokens ({@code autodialer_token}) are
 * each a {@link Table} of this store, so generating, hashing, finding and revoking are written once.
 *
 * <p>A secret is 32 bytes from {@link SecureRandom} in URL-safe base64 (43 characters, safe in a
 * path or a query string as is), optionally after a public prefix (a JAICP token starts with its
 * broadcast's id, as the vendor's do). With 256 bits of entropy a fast hash is enough: nobody can
 * guess secrets against the hash, unlike passwords, which need a slow one. The store checks no
 * names: each owner says what its names may be, in its own vocabulary, before calling it.
 */
public final class HashedSecrets {

    private static final int SECRET_BYTES = 32;
    private static final Pattern SQL_NAME = Pattern.compile("[a-z_]{1,40}");

    /**
     * Where a kind of secret lives: table {@code name} with columns {@code id}, {@code name},
     * {@code hashColumn}, {@code created_at} and, when {@code ownerColumn} is not null, the id of
     * what the secret belongs to (an autodialer).
     */
    public record Table(String name, String hashColumn, String ownerColumn) {
        public Table {
            for (String part : new String[] {name, hashColumn}) {
                if (part == null || !SQL_NAME.matcher(part).matches()) {
                    throw new IllegalArgumentException("table and hash column must be [a-z_]{1,40}, was " + part);
                }
            }
            if (ownerColumn != null && !SQL_NAME.matcher(ownerColumn).matches()) {
                throw new IllegalArgumentException("owner column must be [a-z_]{1,40}, was " + ownerColumn);
            }
        }
    }

    /**
     * A stored secret, without the secret.
     *
     * @param owner the id of what it belongs to, or null in a table without an owner column
     */
    public record Stored(long id, String name, Long owner, Instant createdAt) {
    }

    /** A new secret, which is shown once and never stored. */
    public record Created(Stored stored, String secret) {
    }

    private final DataSource dataSource;
    private final Table table;
    private final String columns;
    private final SecureRandom random = new SecureRandom();

    public HashedSecrets(DataSource dataSource, Table table) {
        this.dataSource = dataSource;
        this.table = table;
        this.columns = "id, name, " + (table.ownerColumn() == null ? "NULL" : table.ownerColumn()) + ", created_at";
    }

    /** Stores a new secret named {@code name} (already checked by the caller) for {@code owner}. */
    public Created create(String name, Long owner, String prefix, Instant now) {
        if ((owner == null) != (table.ownerColumn() == null)) {
            throw new IllegalArgumentException(table.name() + (owner == null ? " needs an owner" : " has no owner"));
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        String sql = "INSERT INTO " + table.name() + " (name, " + table.hashColumn() + ", created_at"
                + (owner == null ? ") VALUES (?, ?, ?)" : ", " + table.ownerColumn() + ") VALUES (?, ?, ?, ?)");
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setString(2, hash(secret));
            insert.setTimestamp(3, Timestamp.from(createdAt));
            if (owner != null) {
                insert.setLong(4, owner);
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Created(new Stored(keys.getLong(1), name, owner, createdAt), secret);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a secret in " + table.name() + ": " + e.getMessage(), e);
        }
    }

    /** The secret whose text is {@code secret}, straight from the database. */
    public Optional<Stored> findBySecret(String secret) {
        return findByHash(hash(secret));
    }

    /** The secret whose SHA-256 is {@code hash} (what {@link #hash} gives). */
    public Optional<Stored> findByHash(String hash) {
        List<Stored> found = select("WHERE " + table.hashColumn() + " = ?", hash);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every secret of the table in the order created. */
    public List<Stored> list() {
        return select("ORDER BY id", null);
    }

    /** Deletes secret {@code id}; false when there was none. */
    public boolean revoke(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table.name() + " WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke a secret in " + table.name() + ": " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes: what the hash column holds. */
    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private List<Stored> select(String where, String parameter) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + columns + " FROM " + table.name() + " " + where)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                List<Stored> all = new ArrayList<>();
                while (rs.next()) {
                    long owner = rs.getLong(3);
                    all.add(new Stored(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : owner,
                            rs.getTimestamp(4).toInstant()));
                }
                return all;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table.name() + ": " + e.getMessage(), e);
        }
    }
}
