package org.outdial.engine.number;

import java.util.Collection;
import java.util.Set;

/** The project's blocked lists as the number code needs them; implemented over the blocklist store. */
public interface BlockedNumbers {

    /** Which of {@code phones} are on BLOCKED_FOR_AUTODIAL_PHONES and so are never added. */
    Set<String> blockedForAdding(Collection<String> phones);

    /** Whether {@code phone} is on BLOCKED_PHONES and so is never called. */
    boolean blockedForCalling(String phone);

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
