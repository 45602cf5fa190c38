package org.outdial.engine.operator;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;

/**
 * Operator SIP lines, their work statuses and their groups. It is also the registrar's
 * {@link org.outdial.sip.registrar.LineCredentials} ({@link #passwordOf}).
 */
public final class Operators {

    /** UniTalk's autodialer ADD/UPDATE: "Group not found". */
    public static final String GROUP_NOT_FOUND = "Group not found";
    /** UniTalk's autodialer ADD/UPDATE: "Wrong group type". */
    public static final String WRONG_GROUP_TYPE = "Wrong group type";

    private final Transactor db;
    private final InstantSource clock;
    private final OperatorRepository repository = new OperatorRepository();
    private final List<BiConsumer<String, WorkStatus>> workStatusListeners = new CopyOnWriteArrayList<>();
    /**
     * Passwords by line for the registrar, which asks at every REGISTER challenge. Emptied of a line
     * when this node adds, changes or removes it; the expiry bounds how long another node's change
     * (PostgreSQL, several nodes) takes to be seen.
     */
    private final LoadingCache<String, Optional<String>> passwords = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build(this::loadPassword);

    public Operators(DataSource dataSource, InstantSource clock) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** UniTalk's message for an unknown line: "Operator not found: 4030". */
    public static String operatorNotFound(String number) {
        return "Operator not found: " + number;
    }

    /** The refusal for an unknown group id. */
    public static EngineException groupNotFound() {
        return EngineException.notFound(GROUP_NOT_FOUND);
    }

    // ---- lines

    public void addPhone(InnerPhone phone) {
        try {
            db.inTransaction(c -> {
                if (repository.findPhone(c, phone.number()).isPresent()) {
                    throw EngineException.conflict("Number already present");
                }
                repository.insertPhone(c, phone, clock.instant());
                return null;
            });
        } catch (StorageException e) {
            throw e.isUniqueViolation() ? EngineException.conflict("Number already present") : e;
        } finally {
            passwords.invalidate(phone.number()); // a REGISTER refused before the line existed is not remembered
        }
        // A line starts at WORK (the column's default), also when one of its number was removed paused.
        synchronized (workStatusListeners) {
            for (BiConsumer<String, WorkStatus> listener : workStatusListeners) {
                listener.accept(phone.number(), WorkStatus.WORK);
            }
        }
    }

    /** Changes the password and names of the line {@code phone.number()}. */
    public void updatePhone(InnerPhone phone) {
        db.inTransaction(c -> {
            if (!repository.updatePhone(c, phone)) {
                throw EngineException.notFound(operatorNotFound(phone.number()));
            }
            return null;
        });
        passwords.invalidate(phone.number());
    }

    /** Removes the line and its group memberships. */
    public void removePhone(String number) {
        db.inTransaction(c -> {
            if (number == null || !repository.deletePhone(c, number)) {
                throw EngineException.notFound(operatorNotFound(number));
            }
            return null;
        });
        passwords.invalidate(number);
    }

    /** The line's SIP digest password, or empty when there is no such line: the registrar's {@code LineCredentials}. */
    public Optional<String> passwordOf(String line) {
        if (line == null || line.isEmpty()) {
            return Optional.empty();
        }
        return passwords.get(line);
    }

    private Optional<String> loadPassword(String line) {
        return db.read(c -> repository.password(c, line));
    }

    // ---- work status

    /**
     * Seed 004 /phones/inner/setStatus: sets the line's work status (WORK, STOP, PAUS), stored so it
     * survives a restart, then tells {@link #onWorkStatus} listeners (the operator board).
     *
     * @param statusName the seed's optional custom status name, which "must completely match one of
     *                   those existing in the project": Outdial has none, so only null is accepted
     */
    public void setWorkStatus(String number, WorkStatus status, String statusName) {
        if (status == null) {
            throw EngineException.invalid("status is null");
        }
        if (statusName != null) {
            throw EngineException.notFound("Status name not found: " + statusName);
        }
        // One at a time, so the listeners hear the changes in the order they were stored.
        synchronized (workStatusListeners) {
            db.inTransaction(c -> {
                if (number == null || !repository.updateWorkStatus(c, number, status)) {
                    throw EngineException.notFound(operatorNotFound(number));
                }
                return null;
            });
            for (BiConsumer<String, WorkStatus> listener : workStatusListeners) {
                listener.accept(number, status);
            }
        }
    }

    public WorkStatus workStatus(String number) {
        return db.read(c -> number == null ? Optional.<WorkStatus>empty() : repository.workStatus(c, number))
                .orElseThrow(() -> EngineException.notFound(operatorNotFound(number)));
    }

    /** number → work status of every line, by number: what the operator board starts from. */
    public Map<String, WorkStatus> workStatuses() {
        return db.read(repository::workStatuses);
    }

    /** Told (line, status) after each stored work status change; must not block. */
    public void onWorkStatus(BiConsumer<String, WorkStatus> listener) {
        workStatusListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public Optional<InnerPhone> findPhone(String number) {
        if (number == null) {
            return Optional.empty();
        }
        return db.read(c -> repository.findPhone(c, number));
    }

    /** Every line, by number. */
    public List<InnerPhone> phones() {
        return db.read(repository::phones);
    }

    /**
     * The numbers among {@code numbers} that are not lines, in the order given, in one query: the
     * check behind UniTalk's "Operator not found: …" for {@code pseudoGroupOperators}.
     */
    public List<String> missingPhones(Collection<String> numbers) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(numbers));
        if (distinct.isEmpty()) {
            return List.of();
        }
        Set<String> existing = db.read(c -> repository.existingPhones(c, distinct));
        List<String> missing = new ArrayList<>();
        for (String number : distinct) {
            if (!existing.contains(number)) {
                missing.add(number);
            }
        }
        return missing;
    }

    /**
     * number → operator name ("Alexander Maksimov", or the number when the line has none), by
     * number: /dictionary?type=INNER_PHONE and GET_WITH_DATA's {@code pseudoGroupOperators}.
     */
    public Map<String, String> phoneNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (InnerPhone p : phones()) {
            names.put(p.number(), p.displayName());
        }
        return names;
    }

    // ---- groups

    /** Creates an empty group rung per call; returns its id. */
    public long addGroup(String name, GroupType type) {
        return addGroup(name, type, false);
    }

    /**
     * Creates an empty group; returns its id.
     *
     * @param alwaysConnected an Outdial extension: its members get a standing leg (docs/API.md)
     */
    public long addGroup(String name, GroupType type, boolean alwaysConnected) {
        String checked = EntityName.check(name);
        if (type == null || alwaysConnected && type != GroupType.INNER_PHONES) {
            // Only internal lines have phones to keep a leg open to.
            throw EngineException.invalid(WRONG_GROUP_TYPE);
        }
        try {
            return db.inTransaction(c -> {
                if (repository.groupNameTaken(c, checked, 0)) {
                    throw EngineException.conflict("Name already present");
                }
                return repository.insertGroup(c, checked, type, alwaysConnected, clock.instant());
            });
        } catch (StorageException e) {
            throw e.isUniqueViolation() ? EngineException.conflict("Name already present") : e;
        }
    }

    public void renameGroup(long id, String name) {
        updateGroup(id, name, null);
    }

    /**
     * Renames the group and, when {@code alwaysConnected} is not null, makes it always-connected or
     * rung per call (an Outdial extension: docs/API.md), in one transaction.
     */
    public void updateGroup(long id, String name, Boolean alwaysConnected) {
        String checked = EntityName.check(name);
        try {
            db.inTransaction(c -> {
                if (repository.groupNameTaken(c, checked, id)) {
                    throw EngineException.conflict("Name already present");
                }
                if (!repository.renameGroup(c, id, checked)) {
                    throw EngineException.notFound(GROUP_NOT_FOUND);
                }
                if (alwaysConnected != null) {
                    if (alwaysConnected && !repository.findGroup(c, id).orElseThrow().isInnerPhones()) {
                        throw EngineException.invalid(WRONG_GROUP_TYPE); // rolls the rename back too
                    }
                    repository.setAlwaysConnected(c, id, alwaysConnected);
                }
                return null;
            });
        } catch (StorageException e) {
            throw e.isUniqueViolation() ? EngineException.conflict("Name already present") : e;
        }
    }

    /**
     * Removes a group. A group an incoming scenario transfers to stays ("Group is used by incoming
     * scenario"): removing it would leave the scenario pointing nowhere.
     */
    public void removeGroup(long id) {
        db.inTransaction(c -> {
            if (repository.findGroup(c, id).isEmpty()) {
                throw EngineException.notFound(GROUP_NOT_FOUND);
            }
            if (repository.groupUsedByScenario(c, id)) {
                throw EngineException.conflict("Group is used by incoming scenario");
            }
            repository.deleteGroup(c, id);
            return null;
        });
    }

    /**
     * Makes the group always-connected or rung per call (an Outdial extension: docs/API.md). Takes
     * effect within a second: lines whose group is no longer always-connected have their open leg
     * hung up once no callee is on it.
     */
    public void setAlwaysConnected(long id, boolean alwaysConnected) {
        db.inTransaction(c -> {
            if (!repository.setAlwaysConnected(c, id, alwaysConnected)) {
                throw EngineException.notFound(GROUP_NOT_FOUND);
            }
            return null;
        });
    }

    /** The member lines of every always-connected group, by number: the lines to keep a leg open to. */
    public List<String> alwaysConnectedLines() {
        return db.read(repository::alwaysConnectedLines);
    }

    public Optional<PhoneGroup> findGroup(long id) {
        return db.read(c -> repository.findGroup(c, id));
    }

    /**
     * The group an autodialer (FREE, SMART, GUARANTEED_DIAL) or an incoming scenario transfers to,
     * checked as UniTalk's ADD/UPDATE does: "Group not found", then "Wrong group type".
     */
    public PhoneGroup requireInnerPhonesGroup(long id) {
        PhoneGroup group = findGroup(id).orElseThrow(() -> EngineException.notFound(GROUP_NOT_FOUND));
        if (!group.isInnerPhones()) {
            throw EngineException.invalid(WRONG_GROUP_TYPE);
        }
        return group;
    }

    /** Every group with its members, by id. */
    public List<PhoneGroup> groups() {
        return db.read(repository::groups);
    }

    /** id → name, by id: GET_WITH_DATA's {@code groups} and /dictionary?type=PHONE_GROUP. */
    public Map<Long, String> groupNames() {
        return db.read(repository::groupNames);
    }

    /** Adds a line to a group of internal lines; adding a member again changes nothing. */
    public void addMember(long groupId, String number) {
        db.inTransaction(c -> {
            PhoneGroup group = repository.findGroup(c, groupId)
                    .orElseThrow(() -> EngineException.notFound(GROUP_NOT_FOUND));
            if (!group.isInnerPhones()) {
                throw EngineException.invalid(WRONG_GROUP_TYPE);
            }
            if (number == null || repository.findPhone(c, number).isEmpty()) {
                throw EngineException.notFound(operatorNotFound(number));
            }
            repository.insertMember(c, groupId, number);
            return null;
        });
    }

    /** Removes a line from a group; removing a line that is not a member changes nothing. */
    public void removeMember(long groupId, String number) {
        db.inTransaction(c -> {
            if (repository.findGroup(c, groupId).isEmpty()) {
                throw EngineException.notFound(GROUP_NOT_FOUND);
            }
            if (number == null || repository.findPhone(c, number).isEmpty()) {
                throw EngineException.notFound(operatorNotFound(number));
            }
            repository.deleteMember(c, groupId, number);
            return null;
        });
    }
}
