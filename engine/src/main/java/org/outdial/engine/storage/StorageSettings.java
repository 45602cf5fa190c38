package org.outdial.engine.storage;

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

    /** An H2 database in {@code dataDir}, the default for a single machine. */
    public static StorageSettings h2File(String dataDir) {
        return new StorageSettings("jdbc:h2:file:" + dataDir + "/outdial;AUTO_SERVER=FALSE", "sa", "", 16);
    }

    /** A private in-memory H2 database, for tests. */
    public static StorageSettings h2Memory(String name) {
        return new StorageSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }
}
