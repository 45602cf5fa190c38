package org.outdial.engine.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few shapes of plain JDBC that the catalog repositories repeat (delete by id, "is this name
 * taken", find one row, list rows, id → name), so that each repository method is its SQL and its
 * row mapping and nothing else. Every method prepares, runs and closes one statement on the
 * caller's connection: the transaction stays the caller's ({@link Transactor}), and an
 * {@link SQLException} comes out unchanged.
 *
 * <p>Parameters bind by their Java type: {@link String}, {@link Long}, {@link Integer},
 * {@link Boolean}, {@link Instant} (as a {@link Timestamp}), {@link Date}, an enum (as its {@code name()}),
 * {@code byte[]} and {@link Array} (for {@code = ANY (?)}); any other type is a programming error. {@code null}
 * binds as {@code setObject(i, null)}, an untyped null: H2 and PostgreSQL take its type from the
 * column it is assigned to or compared with. PostgreSQL cannot type a null that stands alone
 * ({@code ? IS NULL}), so such a query needs its own statement.
 */
public final class Sql {

    /** Reads the current row of a result set into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Rows per JDBC batch in {@link #batch}. */
    private static final int BATCH = 5_000;

    private Sql() {
    }

    /** Runs an INSERT, UPDATE or DELETE; how many rows it changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            return st.executeUpdate();
        }
    }

    /**
     * Runs one INSERT, UPDATE or DELETE once per parameter row, as JDBC batches of up to
     * {@value #BATCH} rows; how many rows each run changed, in the order of {@code rows}.
     */
    public static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        int[] changed = new int[rows.size()];
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int done = 0;
            int pending = 0;
            for (Object[] params : rows) {
                bind(st, params);
                st.addBatch();
                if (++pending == BATCH || done + pending == rows.size()) {
                    int[] counts = st.executeBatch();
                    System.arraycopy(counts, 0, changed, done, counts.length);
                    done += pending;
                    pending = 0;
                }
            }
        }
        return changed;
    }

    /** A query of one number ({@code SELECT COUNT(*) ...}): its first row's first column. */
    public static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs an INSERT of one row; the key the database generated for it (the first key column). */
    public static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(st, params);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Whether the query returns any row. */
    public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The query's first row, mapped; empty when it returns none. Later rows are not read. */
    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    /** Every row of the query, mapped, in the order the query returns them. */
    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    /**
     * A query of {@code id, name} rows as a map in the query's order: the dictionaries and
     * GET_WITH_DATA lists of every catalog.
     */
    public static Map<Long, String> names(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                Map<Long, String> out = new LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int index = i + 1;
            switch (params[i]) {
                case null -> st.setObject(index, null);
                case String s -> st.setString(index, s);
                case Long l -> st.setLong(index, l);
                case Integer n -> st.setInt(index, n);
                case Boolean b -> st.setBoolean(index, b);
                case Instant t -> st.setTimestamp(index, Timestamp.from(t));
                case Date d -> st.setDate(index, d);
                case Enum<?> e -> st.setString(index, e.name());
                case byte[] b -> st.setBytes(index, b);
                case Array a -> st.setArray(index, a);
                default -> throw new IllegalArgumentException(
                        "parameter " + index + " has unsupported type " + params[i].getClass().getName());
            }
        }
    }
}
