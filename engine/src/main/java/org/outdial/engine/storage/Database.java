package org.outdial.engine.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool, migrated to the current schema before anyone uses it. */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final DataSource dataSource;

    private Database(HikariDataSource pool, DataSource dataSource) {
        this.pool = pool;
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool and runs every pending Flyway migration ({@code db/migration}). On H2 (not in
     * memory) the data source returned by {@link #dataSource()} makes every commit durable before
     * it returns ({@link CheckpointingDataSource}), which needs an admin user.
     *
     * @throws IllegalStateException when the H2 user may not run {@code CHECKPOINT}
     */
    public static Database open(StorageSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.connectionUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("outdial");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            if (!settings.checkpointsCommits()) {
                return new Database(pool, pool);
            }
            try (Connection c = pool.getConnection()) {
                CheckpointingDataSource.checkpoint(c);
            } catch (SQLException e) {
                throw new IllegalStateException("storage.username must be an admin of the H2 database: Outdial "
                        + "runs CHECKPOINT after every commit so that a killed server loses nothing it acknowledged ("
                        + e.getMessage() + ")", e);
            }
            return new Database(pool, new CheckpointingDataSource(pool));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        pool.close();
    }
}
