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
     * The URL the pool connects with: {@link #url} itself, except that an H2 database on disk gets
     * {@code WRITE_DELAY=0} unless the URL sets a write delay of its own.
     *
     * <p>H2 otherwise keeps committed transactions in memory for up to 500 ms before its
     * background writer stores them, so a {@code kill -9} right after a commit lost it: a call's
     * record, or the claim that says a number is being dialed (after a restart that number would be
     * called again). With no delay every commit is in the file (the operating system's cache)
     * before it returns, which a killed process cannot take back. The write now happens on the
     * committing thread, and an embedded database on disk ({@code jdbc:h2:file:PATH} or
     * {@code jdbc:h2:PATH}) is therefore opened through {@link InterruptSafeFileSystem}
     * ({@code jdbc:h2:interruptsafe:PATH}), where a thread interrupt cannot close it.
     *
     * <p>It also gets {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would otherwise close
     * the database while Outdial's hook is still stopping the dialer and Quartz, whose last
     * transactions then fail. Outdial closes the pool itself, and the database with it.
     */
    public String connectionUrl() {
        boolean h2OnDisk = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        if (!h2OnDisk) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        String rest = url.substring("jdbc:h2:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("^[a-zA-Z]{2,}:.*")) {
            rest = null; // tcp:, ssl:, nio:, async:, ...: another file system or a server, as configured
        }
        StringBuilder full = new StringBuilder(rest == null ? url
                : "jdbc:h2:" + InterruptSafeFileSystem.SCHEME + ":" + rest);
        if (!upper.contains(";WRITE_DELAY=")) {
            full.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            full.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return full.toString();
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
