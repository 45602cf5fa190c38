package org.outdial.engine.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one way Outdial runs JDBC work (the statements themselves go through {@link Sql}): work in
 * one transaction commits only when it returns and rolls back on any exception, so an
 * {@link org.outdial.engine.error.EngineException} thrown half-way leaves nothing written; reads
 * run in auto-commit mode. SQL failures come back as {@link StorageException}.
 *
 * <p>Every commit is durable when it returns ({@link Database}). Work runs with the calling
 * thread's interrupt status cleared, and set again afterwards: a call flow interrupted at shutdown
 * still records its outcome and keeps its interrupt status, because H2's commit waits for its own
 * writer threads and swallows an interrupt that arrives there ({@code DurableCommitTest}).
 */
public final class Transactor {

    /** JDBC work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final SharedTransactions shared;

    public Transactor(DataSource dataSource) {
        this.dataSource = dataSource;
        this.shared = new SharedTransactions(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction of its own. */
    public <T> T inTransaction(Work<T> work) {
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

    /**
     * As {@link #inTransaction}, and runs the work again (up to {@code attempts} times) when the
     * database chose it as a deadlock or serialization victim: such a transaction was rolled back
     * whole, so running it again is safe.
     */
    public <T> T inTransactionRetrying(int attempts, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work);
            } catch (StorageException e) {
                if (attempt >= attempts || !isSerializationFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code work} in a transaction it may share with work other threads hand in at the same
     * time (group commit, {@link SharedTransactions}), and returns once that transaction has
     * committed. For small independent writes that arrive many at a time (a call's outcome): the
     * work must not depend on seeing or not seeing the others', and runs in a savepoint of its own,
     * so its failure rolls back only itself. A deadlock victim is run again, as
     * {@link #inTransactionRetrying} does.
     */
    public <T> T inSharedTransaction(Work<T> work) {
        return shared.run(work);
    }

    /** Runs read-only {@code work} on a pooled connection, without a transaction of its own. */
    public <T> T read(Work<T> work) {
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

    /**
     * Whether {@code e} (or its cause chain) says the database rolled the transaction back as a
     * deadlock or serialization victim (SQLSTATE 40001; PostgreSQL's deadlock is 40P01).
     */
    static boolean isSerializationFailure(Throwable e) {
        return StorageException.hasSqlState(e, "40001") || StorageException.hasSqlState(e, "40P01");
    }
}
