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
 * writer keeps housekeeping and each commit stores what it wrote; concurrent commits share a
 * store. The file reaches the operating system before the commit returns (no fsync: a killed
 * process loses nothing, a power cut may).
 *
 * <p>Every connection the pool hands out is wrapped, so Quartz's transactions are covered as well
 * as Outdial's. Statements in auto-commit mode are not (Outdial writes in transactions).
 */
final class CheckpointingDataSource implements DataSource {

    private final DataSource pool;

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

    private static Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                Object result = method.invoke(connection, args);
                if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                    checkpoint(connection);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(CheckpointingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
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
