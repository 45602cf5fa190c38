package org.outdial.engine.storage;

import java.util.Locale;

/**
 * The database Outdial keeps everything in (configuration key {@code storage}).
 *
 * @param url      JDBC URL; H2 file by default, {@code jdbc:postgresql://...} for PostgreSQL
 * @param username database user
 * @param password database password
 * @param poolSize most connections HikariCP keeps open
 */
public record StorageSettings(String url, String username, String password, int poolSize) {

    public StorageSettings {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("storage.url must be a JDBC URL, was " + url);
        }
        if (poolSize < 2 || poolSize > 200) {
            throw new IllegalArgumentException("storage.pool-size must be 2..200, was " + poolSize);
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /**
     * The URL the pool connects with: {@link #url} itself, plus {@code DB_CLOSE_ON_EXIT=FALSE} for
     * an H2 database that is not in memory (unless the URL sets it). H2's own shutdown hook would
     * otherwise close the database while Outdial's hook is still stopping the dialer and Quartz,
     * whose last transactions then fail; Outdial closes the pool itself, and the database with it.
     */
    public String connectionUrl() {
        if (!checkpointsCommits() || url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Whether commits must be followed by {@code CHECKPOINT} to be in the file when they return:
     * H2 on disk or on a server (see {@link CheckpointingDataSource}). PostgreSQL's commit is
     * durable by itself; an in-memory H2 has no file.
     */
    boolean checkpointsCommits() {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    /** An H2 database in {@code dataDir}, the default for a single machine. */
    public static StorageSettings h2File(String dataDir) {
        return new StorageSettings("jdbc:h2:file:" + dataDir + "/outdial;AUTO_SERVER=FALSE", "sa", "", 16);
    }

    /** A private in-memory H2 database, for tests. */
    public static StorageSettings h2Memory(String name) {
        return new StorageSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }
}
