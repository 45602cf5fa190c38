package org.outdial.engine.blocklist;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import org.outdial.engine.number.BlockedNumbers;

/** {@link BlockedNumbers} over the stored lists. */
public final class BlockedListsScreen implements BlockedNumbers {

    private final BlockedLists lists;

    public BlockedListsScreen(BlockedLists lists) {
        this.lists = lists;
    }

    @Override
    public Set<String> blockedForAdding(Collection<String> phones) {
        return lists.filter(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, phones);
    }

    @Override
    public boolean blockedForCalling(String phone) {
        return lists.contains(BlockedList.BLOCKED_PHONES, phone);
    }

    @Override
    public boolean blockedForCalling(Connection c, String phone) throws SQLException {
        return lists.contains(c, BlockedList.BLOCKED_PHONES, phone);
    }
}
