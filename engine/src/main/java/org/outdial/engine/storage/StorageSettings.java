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
     * The URL the pool connects with: {@link #url} itself, except for an embedded H2 database on
     * disk ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}), which is opened as
     * {@code jdbc:h2:async:PATH} with {@code WRITE_DELAY=0} (unless the URL sets a write delay of
     * its own). Both are about not losing what was committed:
     * <ul>
     *   <li>H2 otherwise keeps committed transactions in memory for up to 500 ms before its
     *       background writer stores them, so a {@code kill -9} right after a commit lost it: a
     *       call's record, or the claim that says a number is being dialed (after a restart that
     *       number would be called again). With no delay every commit is in the file (the
     *       operating system's cache) before it returns, which a killed process cannot take back.</li>
     *   <li>That write now happens on the committing thread, and the JDK closes a
     *       {@code FileChannel} when a thread blocked in it is interrupted (Quartz interrupts its
     *       threads when it stops; so do executors that cancel work): H2 then closes the whole
     *       database. The {@code async:} file system is the same file through an
     *       {@code AsynchronousFileChannel}, which an interrupt does not close.</li>
     * </ul>
     */
    public String connectionUrl() {
        String h2 = "jdbc:h2:";
        if (!url.startsWith(h2)) {
            return url;
        }
        String rest = url.substring(h2.length());
        if (rest.startsWith("file:")) {
            rest = "async:" + rest.substring("file:".length());
        } else if (!rest.matches("^[a-zA-Z]{2,}:.*")) {
            rest = "async:" + rest; // jdbc:h2:./data/x, jdbc:h2:~/x, jdbc:h2:/var/x
        }
        if (!rest.startsWith("async:")) {
            return url; // mem:, tcp:, ssl: and the other file systems are left as configured
        }
        String delay = url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=") ? "" : ";WRITE_DELAY=0";
        return h2 + rest + delay;
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
