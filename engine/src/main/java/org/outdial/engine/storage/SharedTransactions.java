package org.outdial.engine.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Group commit: work handed in by many threads at once runs in one transaction and one commit,
 * and each caller returns only after that commit (durable, as every commit is:
 * {@link CheckpointingDataSource}). Under a dialing campaign every call's outcome is a small
 * transaction; one commit for the outcomes that arrive while the previous commit runs keeps the
 * connections, the autodialer's row lock and the store free for everyone else
 * (docs/BENCHMARKS.md, mixed-load).
 *
 * <p>No thread of its own: the first caller to find no shared transaction running leads one,
 * taking every work queued (up to {@value #MOST_PER_TRANSACTION}), and hands the lead to the
 * oldest caller still waiting when it is done; the others wait. Each work runs inside its own
 * savepoint, so one that throws is rolled back alone and its caller gets the exception, while
 * the rest commit. A deadlock or serialization victim (the database rolled the whole transaction
 * back) runs the whole group again, up to {@value #ATTEMPTS} times, as
 * {@link Transactor#inTransactionRetrying} does for one work. A failed commit fails every caller
 * of the group. Interrupts wait, as in {@link Transactor#inTransaction}: a waiting caller keeps its
 * interrupt status and still returns only once its work is committed or failed.
 */
final class SharedTransactions {

    static final int MOST_PER_TRANSACTION = 64;
    static final int ATTEMPTS = 3;

    /** One caller's work and, once its group ran, what came of it. */
    private static final class Pending<T> {
        final Transactor.Work<T> work;
        T result;
        Throwable failure;
        boolean done; // guarded by the lock
        boolean leads; // guarded by the lock: handed the lead by the caller before

        Pending(Transactor.Work<T> work) {
            this.work = work;
        }

        T result() {
            switch (failure) {
                case null -> {
                    return result;
                }
                case SQLException e -> throw new StorageException(e);
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }

    private final DataSource dataSource;
    // A lock and condition rather than a monitor: callers are call flows on virtual threads.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>(); // guarded by lock
    private boolean leading; // guarded by lock: a caller is running a group

    SharedTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T run(Transactor.Work<T> work) {
        Pending<T> mine = new Pending<>(work);
        List<Pending<?>> group = new ArrayList<>();
        lock.lock();
        try {
            queue.add(mine);
            if (leading) {
                while (!mine.done && !mine.leads) {
                    progressed.awaitUninterruptibly();
                }
                if (mine.done) {
                    return mine.result();
                }
            }
            leading = true;
            // Whoever leads is the oldest caller waiting, so its own work is in the group it takes.
            while (!queue.isEmpty() && group.size() < MOST_PER_TRANSACTION) {
                group.add(queue.poll());
            }
        } finally {
            lock.unlock();
        }
        runGroup(group);
        lock.lock();
        try {
            group.forEach(p -> p.done = true);
            Pending<?> next = queue.peek();
            if (next == null) {
                leading = false;
            } else {
                next.leads = true;
            }
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
        return mine.result();
    }

    /** Callers whose work waits for the next shared transaction (for tests). */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void runGroup(List<Pending<?>> group) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    runOnce(group);
                    return;
                } catch (SQLException | RuntimeException e) {
                    if (attempt < ATTEMPTS && Transactor.isSerializationFailure(e)) {
                        continue;
                    }
                    group.forEach(p -> p.failure = p.failure == null ? e : p.failure);
                    return;
                } catch (Error e) {
                    // Recorded, not thrown here: the lead must still be handed on (each caller rethrows it).
                    group.forEach(p -> p.failure = p.failure == null ? e : p.failure);
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One transaction for the group; a work that throws is rolled back to its savepoint. */
    private void runOnce(List<Pending<?>> group) throws SQLException {
        group.forEach(p -> {
            p.result = null;
            p.failure = null;
        });
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Pending<?> p : group) {
                    runOne(connection, p);
                }
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static <T> void runOne(Connection connection, Pending<T> p) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            p.result = p.work.run(connection);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException | RuntimeException e) {
            if (Transactor.isSerializationFailure(e)) {
                throw e; // the database rolled back the whole transaction: the group runs again
            }
            connection.rollback(savepoint);
            p.failure = e;
        }
    }
}
