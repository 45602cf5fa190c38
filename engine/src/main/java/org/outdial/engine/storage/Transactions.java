package org.outdial.engine.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a unit of JDBC work on one connection: {@link #write} in one transaction that commits
 * only when the work returns and rolls back on any exception (so an
 * {@link org.outdial.engine.error.EngineException} thrown half-way leaves nothing written),
 * {@link #read} in auto-commit mode.
 *
 * <p>Both run with the calling thread's interrupt status cleared, and set it again afterwards. A
 * call flow interrupted at shutdown still records its outcome, and keeps its interrupt status:
 * H2's commit waits for its own writer threads and swallows an interrupt that arrives there
 * ({@code DurableCommitTest}).
 */
public final class Transactions {

    /** SQLSTATE for a unique or primary key violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE for a foreign key violation, the same on H2 and PostgreSQL (23503; H2 also 23506). */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /** JDBC work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    /** Runs {@code work} in one transaction. SQL failures come back as {@link StorageException}. */
    public static <T> T write(DataSource dataSource, Work<T> work) {
        boolean interrupted = Thread.interrupted();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs read-only {@code work} on a pooled connection. */
    public static <T> T read(DataSource dataSource, Work<T> work) {
        boolean interrupted = Thread.interrupted();
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@code e} (or its cause chain) is a unique constraint violation. */
    public static boolean isUniqueViolation(Throwable e) {
        return hasSqlState(e, UNIQUE_VIOLATION);
    }

    /** Whether {@code e} (or its cause chain) is a foreign key violation. */
    public static boolean isForeignKeyViolation(Throwable e) {
        return hasSqlState(e, FOREIGN_KEY_VIOLATION) || hasSqlState(e, "23506");
    }

    /**
     * Whether {@code e} (or its cause chain) says the database rolled the transaction back as a
     * deadlock or serialization victim (SQLSTATE 40001; PostgreSQL's deadlock is 40P01).
     */
    public static boolean isSerializationFailure(Throwable e) {
        return hasSqlState(e, "40001") || hasSqlState(e, "40P01");
    }

    private static boolean hasSqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
