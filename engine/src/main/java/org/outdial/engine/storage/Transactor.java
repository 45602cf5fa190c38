package org.outdial.engine.storage;

import javax.sql.DataSource;

/**
 * {@link Transactions} bound to one data source, for services that are handed it once: work in
 * one transaction commits when it returns and rolls back when it throws, so a refused or failed
 * request writes nothing.
 */
public final class Transactor {

    /** Work done on one connection; the same shape as {@link Transactions.Work}. */
    @FunctionalInterface
    public interface Work<T> extends Transactions.Work<T> {
    }

    private final DataSource dataSource;

    public Transactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public <T> T inTransaction(Work<T> work) {
        return Transactions.write(dataSource, work);
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
                if (attempt >= attempts || !Transactions.isSerializationFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /** Reads without a transaction of its own (auto-commit). */
    public <T> T read(Work<T> work) {
        return Transactions.read(dataSource, work);
    }
}
