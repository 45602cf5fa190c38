package org.outdial.engine.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Lends Quartz the engine's pool; the pool belongs to the engine, so Quartz's shutdown leaves it open.
 *
 * <p>Quartz's shutdown interrupts its own threads only to wake them from their waits (each then
 * sees its halted flag and stops); it never means "give up this database call". HikariCP,
 * though, refuses to wait for a busy pool on an interrupted thread ("Interrupted during
 * connection acquisition"), which Quartz logs as an ERROR, and in its retry loop the same
 * interrupt then breaks the retry's sleep ("Runtime error occurred in main trigger firing loop
 * ... Received interrupted exception"). A dialing campaign keeps the pool busy, so every stop
 * risked both. The borrow therefore waits as if the thread were not interrupted (an interrupt
 * that arrives while it waits makes it wait again), and the interrupt is put back for the
 * thread's next wait. The pool's own timeout still bounds every wait.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    DataSourceConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return dataSource.getConnection();
                } catch (SQLException e) {
                    // HikariCP gives up on an interrupt with the interrupt set again.
                    if (!Thread.interrupted()) {
                        throw e;
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void shutdown() {
    }

    @Override
    public void initialize() {
    }
}
