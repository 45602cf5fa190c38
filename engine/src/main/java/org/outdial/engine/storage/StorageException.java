package org.outdial.engine.storage;

import java.sql.SQLException;

/** The database failed; the transaction was rolled back. */
public final class StorageException extends RuntimeException {

    /** SQLSTATE for a unique or primary key violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE for a foreign key violation, the same on H2 and PostgreSQL (23503; H2 also 23506). */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    public StorageException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }

    /** Whether the database refused a row because a unique constraint already had its value. */
    public boolean isUniqueViolation() {
        return hasSqlState(this, UNIQUE_VIOLATION);
    }

    /** Whether the database refused a row because a foreign key did not match. */
    public boolean isForeignKeyViolation() {
        return hasSqlState(this, FOREIGN_KEY_VIOLATION) || hasSqlState(this, "23506");
    }

    static boolean hasSqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
