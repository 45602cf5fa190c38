package org.outdial.engine.trigger;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;

/** Event handlers. */
public final class TriggerActions {

    /** UniTalk's autodialer ADD/UPDATE: "Trigger action not found". */
    public static final String NOT_FOUND = "Trigger action not found";

    private final Transactor db;
    private final InstantSource clock;
    private final TriggerActionRepository repository = new TriggerActionRepository();

    public TriggerActions(DataSource dataSource, InstantSource clock) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A handler with what sending it needs besides its settings. */
    public record Signed(TriggerAction action, String secret, boolean paused) {
    }

    public long add(TriggerAction action) {
        refuseUnsupported(action);
        return write(c -> {
            if (repository.nameTaken(c, action.name(), 0)) {
                throw EngineException.conflict("Name already present");
            }
            return repository.insert(c, action, clock.instant());
        });
    }

    public void update(TriggerAction action) {
        refuseUnsupported(action);
        write(c -> {
            if (repository.find(c, action.id()).isEmpty()) {
                throw EngineException.notFound(NOT_FOUND);
            }
            if (repository.nameTaken(c, action.name(), action.id())) {
                throw EngineException.conflict("Name already present");
            }
            return repository.update(c, action);
        });
    }

    public void remove(long id) {
        db.inTransaction(c -> {
            if (!repository.delete(c, id)) {
                throw EngineException.notFound(NOT_FOUND);
            }
            return null;
        });
    }

    /**
     * The handler with its signing secret (made now when a handler stored before V9 has none) and
     * whether it is paused.
     */
    public Optional<Signed> signed(long id) {
        Optional<Signed> read = db.read(c -> signed(c, id));
        if (read.isPresent() && read.get().secret() == null) {
            return db.inTransaction(c -> {
                repository.secret(c, id);
                return signed(c, id);
            });
        }
        return read;
    }

    private Optional<Signed> signed(java.sql.Connection c, long id) throws java.sql.SQLException {
        Optional<TriggerAction> action = repository.find(c, id);
        if (action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Signed(action.get(), repository.storedSecret(c, id).orElse(null),
                repository.paused(c, id).orElse(false)));
    }

    /** Holds (or, with false, resumes) the handler's deliveries; they wait in order meanwhile. */
    public void pause(long id, boolean paused) {
        db.inTransaction(c -> {
            if (!repository.setPaused(c, id, paused)) {
                throw EngineException.notFound(NOT_FOUND);
            }
            return null;
        });
    }

    /** Every handler with its secret and pause, by id (GET_LIST). */
    public List<Signed> listSigned() {
        List<Signed> out = new ArrayList<>();
        for (TriggerAction a : list()) {
            signed(a.id()).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Seed 004 names a webhook and BLOCK_NUMBER; a Telegram message is a webhook to the Bot API's
     * sendMessage URL, so a type of its own would only be a second name for it. Rows stored with
     * it before are still sent, as webhooks.
     */
    private static void refuseUnsupported(TriggerAction action) {
        if (action.type() == TriggerActionType.TELEGRAM) {
            throw EngineException.invalid("Action type TELEGRAM is not supported: add a WEBHOOK whose url is the"
                    + " Bot API's https://api.telegram.org/bot<token>/sendMessage");
        }
    }

    public Optional<TriggerAction> find(long id) {
        return db.read(c -> repository.find(c, id));
    }

    /**
     * The handlers with these ids that exist, by id, in one query (an autodialer's
     * {@code triggerActions}: up to 5 per event). A missing id is simply absent from the map.
     */
    public Map<Long, TriggerAction> findAll(Collection<Long> ids) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<Long, TriggerAction> found = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        db.read(c -> repository.findAll(c, distinct)).forEach(a -> found.put(a.id(), a));
        return found;
    }

    public List<TriggerAction> list() {
        return db.read(repository::list);
    }

    /** id → name, by id: /dictionary?type=TRIGGER_ACTION and {@code triggerActionEventsAndTriggerActions}. */
    public Map<Long, String> names() {
        Map<Long, String> names = new LinkedHashMap<>();
        list().forEach(a -> names.put(a.id(), a.name()));
        return names;
    }

    /**
     * id → name of the handlers that may be attached to an event, by id
     * ({@code triggerActionEventsAndTriggerActions}).
     */
    public Map<Long, String> namesCompatibleWith(boolean eventConcernsNumber) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (TriggerAction a : list()) {
            if (a.type().compatibleWith(eventConcernsNumber)) {
                names.put(a.id(), a.name());
            }
        }
        return names;
    }

    private <T> T write(Transactor.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (StorageException e) {
            throw e.isUniqueViolation() ? EngineException.conflict("Name already present") : e;
        }
    }
}
