package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;

/** The project's blocked lists as the number code needs them; implemented over the blocklist store. */
public interface BlockedNumbers {

    /** Which of {@code phones} are on BLOCKED_FOR_AUTODIAL_PHONES and so are never added. */
    Set<String> blockedForAdding(Collection<String> phones);

    /** Whether {@code phone} is on BLOCKED_PHONES and so is never called. */
    boolean blockedForCalling(String phone);

    /**
     * As {@link #blockedForCalling(String)}, read on the caller's connection: the dialer asks while
     * its claim transaction holds a connection and the autodialer's row, and a second connection
     * from the pool may never come when every other one waits for that row.
     */
    default boolean blockedForCalling(Connection c, String phone) throws SQLException {
        return blockedForCalling(phone);
    }

    static BlockedNumbers none() {
        return new BlockedNumbers() {
            @Override
            public Set<String> blockedForAdding(Collection<String> phones) {
                return Set.of();
            }

            @Override
            public boolean blockedForCalling(String phone) {
                return false;
            }
        };
    }
}
