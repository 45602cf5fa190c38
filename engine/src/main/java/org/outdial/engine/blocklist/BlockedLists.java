package org.outdial.engine.blocklist;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.number.PhoneNumbers;
import org.outdial.engine.storage.Sql;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;

/**
 * The blocked lists. Numbers are stored as {@link PhoneNumbers} stores every number (E.164 digits
 * without '+'), so a lookup matches however the number was written.
 */
public final class BlockedLists {

    /** UniTalk /lists: "The maximum number of elements in the items array is 100." */
    public static final int MAX_ITEMS = 100;

    /** Above this many phones, {@link #filter} queries in chunks to keep each array parameter small. */
    private static final int FILTER_CHUNK = 10_000;
    /** Numbers per IN list. */
    private static final int IN_LIST = 500;

    private final Transactor db;
    private final InstantSource clock;

    public BlockedLists(DataSource dataSource, InstantSource clock) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The list's numbers, in ascending order. */
    public List<String> get(BlockedList list) {
        Objects.requireNonNull(list, "list");
        return db.read(c -> Sql.list(c,
                "SELECT phone FROM blocked_phone WHERE list_name = ? ORDER BY phone", rs -> rs.getString(1), list));
    }

    /**
     * Adds up to 100 numbers. Invalid numbers reject the whole request ("Wrong numbers", with the
     * offending items as data) and nothing is written.
     */
    public ListChange add(BlockedList list, List<String> items) {
        Objects.requireNonNull(list, "list");
        List<String> phones = normalize(items);
        try {
            return insertNew(list, phones);
        } catch (StorageException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // A concurrent ADD inserted one of these numbers between our check and our insert;
            // run again and it is counted as skipped.
            return insertNew(list, phones);
        }
    }

    /** Removes up to 100 numbers; numbers not in the list are counted as skipped. */
    public ListChange remove(BlockedList list, List<String> items) {
        Objects.requireNonNull(list, "list");
        List<String> phones = normalize(items);
        Set<String> distinct = new LinkedHashSet<>(phones);
        return db.inTransaction(c -> {
            int removed = 0;
            for (String phone : distinct) {
                removed += Sql.update(c, "DELETE FROM blocked_phone WHERE list_name = ? AND phone = ?", list, phone);
            }
            return new ListChange(removed, phones.size() - removed);
        });
    }

    /** Whether {@code phone} (in any notation) is in the list. */
    public boolean contains(BlockedList list, String phone) {
        return db.read(c -> contains(c, list, phone));
    }

    /** As {@link #contains(BlockedList, String)}, on the caller's connection (inside its transaction). */
    public boolean contains(Connection c, BlockedList list, String phone) throws SQLException {
        String normalized = PhoneNumbers.normalize(phone);
        if (normalized == null) {
            return false;
        }
        return Sql.exists(c, "SELECT 1 FROM blocked_phone WHERE list_name = ? AND phone = ?", list, normalized);
    }

    /**
     * Which of {@code phones} (already normalized, as stored) are in the list. One query per
     * 10,000 phones, not one per phone: ADD_NUMBERS checks up to 100,000 numbers at once.
     */
    public Set<String> filter(BlockedList list, Collection<String> phones) {
        Objects.requireNonNull(list, "list");
        if (phones.isEmpty()) {
            return Set.of();
        }
        List<String> all = new ArrayList<>(phones);
        return db.read(c -> {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < all.size(); from += FILTER_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + FILTER_CHUNK));
                found.addAll(present(c, list, chunk));
            }
            return found;
        });
    }

    private ListChange insertNew(BlockedList list, List<String> phones) {
        return db.inTransaction(c -> {
            Set<String> present = present(c, list, phones);
            Set<String> fresh = new LinkedHashSet<>(phones);
            fresh.removeAll(present);
            if (!fresh.isEmpty()) {
                Instant now = clock.instant();
                Sql.batch(c, "INSERT INTO blocked_phone (list_name, phone, created_at) VALUES (?, ?, ?)",
                        fresh.stream().map(phone -> new Object[] {list, phone, now}).toList());
            }
            return new ListChange(fresh.size(), phones.size() - fresh.size());
        });
    }

    /**
     * Which of {@code phones} are on {@code list}: IN lists through the (list_name, phone) key.
     * H2 does not use an index for {@code = ANY(array)}; it would compare every listed number with
     * every candidate, which matters once a list holds many numbers.
     */
    private static Set<String> present(Connection c, BlockedList list, List<String> phones) throws SQLException {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < phones.size(); from += IN_LIST) {
            List<String> chunk = phones.subList(from, Math.min(phones.size(), from + IN_LIST));
            Object[] params = new Object[chunk.size() + 1];
            params[0] = list;
            for (int i = 0; i < chunk.size(); i++) {
                params[i + 1] = chunk.get(i);
            }
            found.addAll(Sql.list(c, "SELECT phone FROM blocked_phone WHERE list_name = ? AND phone IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?)", rs -> rs.getString(1), params));
        }
        return found;
    }

    /** The request's items as stored numbers; the seed's request-level errors first. */
    private static List<String> normalize(List<String> items) {
        if (items == null) {
            throw EngineException.invalid("items is null");
        }
        if (items.isEmpty()) {
            throw EngineException.invalid("items is empty");
        }
        if (items.size() > MAX_ITEMS) {
            throw new EngineException(EngineException.Kind.TOO_LARGE, "Too many elements in items");
        }
        List<String> phones = new ArrayList<>(items.size());
        List<String> wrong = new ArrayList<>();
        for (String item : items) {
            String phone = PhoneNumbers.normalize(item);
            if (phone == null) {
                wrong.add(item);
            } else {
                phones.add(phone);
            }
        }
        if (!wrong.isEmpty()) {
            throw EngineException.invalid("Wrong numbers", wrong);
        }
        return phones;
    }
}
