package org.outdial.engine.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An H2 data source whose {@code commit()} returns only once the transaction is in the database
 * file: after the commit it runs {@code CHECKPOINT}, which stores every change not yet stored.
 *
 * <p>H2 commits into memory and its background writer stores them every 500 ms ({@code
 * WRITE_DELAY}), so a {@code kill -9} in between lost transactions that had already been
 * acknowledged: a call's record, or the claim that says a number is being dialed, which then came
 * back as NEW and was dialed again ({@code KillNineTest} counts the INVITEs). {@code WRITE_DELAY=0}
 * stores at every commit too, but it also stops the background writer, which is what compacts the
 * file: under a dialing campaign the file grew by ~8 MB a second without end. Here the background
 * writer keeps housekeeping and each commit stores what it wrote. The file reaches the operating
 * system before the commit returns (no fsync: a killed process loses nothing, a power cut may).
 *
 * <p>Concurrent commits share one store (group commit): a commit whose changes a checkpoint
 * started after it already covers does not run its own. Each commit takes a number when it
 * returns from H2; a checkpoint that starts once commit {@code n} has its number stores every
 * commit up to {@code n}, because {@code CHECKPOINT} writes everything committed before it begins.
 * While one checkpoint runs, the commits that finish meanwhile wait for it and then share the
 * next one: under a dialing campaign (hundreds of commits a second) this turned one store per
 * commit, each a chunk of its own that every other statement waited behind, into a few per
 * second (docs/BENCHMARKS.md, mixed-load).
 *
 * <p>Every connection the pool hands out is wrapped, so Quartz's transactions are covered as well
 * as Outdial's. Statements in auto-commit mode are not (Outdial writes in transactions).
 */
final class CheckpointingDataSource implements DataSource {

    private final DataSource pool;
    /** Commits that have returned from H2, numbered in the order they returned. */
    private final AtomicLong committed = new AtomicLong();
    // A lock rather than a monitor: committers are often virtual threads (call flows, HTTP handlers).
    private final ReentrantLock storing = new ReentrantLock();
    private long stored; // guarded by storing: every commit numbered up to this is in the file
    private long checkpoints; // guarded by storing

    CheckpointingDataSource(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                Object result = method.invoke(connection, args);
                if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                    awaitStored(connection, committed.incrementAndGet());
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(CheckpointingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    /** Returns once commit {@code commit} is in the file: stored by a checkpoint already, or by one run here. */
    private void awaitStored(Connection connection, long commit) throws SQLException {
        storing.lock();
        try {
            if (stored >= commit) {
                return;
            }
            long upTo = committed.get(); // read before CHECKPOINT starts: all of these are covered
            checkpoint(connection);
            stored = upTo;
            checkpoints++;
        } finally {
            storing.unlock();
        }
    }

    /** How many checkpoints commits have run so far (fewer than commits when they shared them). */
    long checkpoints() {
        storing.lock();
        try {
            return checkpoints;
        } finally {
            storing.unlock();
        }
    }

    /** How many commits have returned so far. */
    long commits() {
        return committed.get();
    }

    /** Stores what is committed; H2 requires admin rights for it, which {@link Database} checks at start. */
    static void checkpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }
}
