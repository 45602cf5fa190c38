package org.outdial.engine.storage;

import java.sql.SQLException;

/** The database failed; the transaction was rolled back. */
public final class StorageException extends RuntimeException {

    public StorageException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }
}
