package org.outdial.engine.tts;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;

/** Speech synthesis settings profiles: stored, validated, listed by id. */
public final class TtsProfiles {

    /** UniTalk /audio/tts: "speech synthesis settings were not found in the project by id". */
    public static final String NOT_FOUND = "Text to speech settings not found by id";

    private final Transactor db;
    private final InstantSource clock;
    private final TtsProfileRepository repository = new TtsProfileRepository();

    public TtsProfiles(DataSource dataSource, InstantSource clock) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stores a new profile (its id is ignored) and returns the new id. */
    public long add(TtsProfile profile) {
        try {
            return db.inTransaction(c -> {
                if (repository.nameTaken(c, profile.name(), 0)) {
                    throw EngineException.conflict("Name already present");
                }
                return repository.insert(c, profile, clock.instant());
            });
        } catch (StorageException e) {
            throw nameConflictOr(e);
        }
    }

    /** Replaces the profile with {@code profile.id()}. */
    public void update(TtsProfile profile) {
        try {
            db.inTransaction(c -> {
                if (repository.find(c, profile.id()).isEmpty()) {
                    throw EngineException.notFound(NOT_FOUND);
                }
                if (repository.nameTaken(c, profile.name(), profile.id())) {
                    throw EngineException.conflict("Name already present");
                }
                return repository.update(c, profile);
            });
        } catch (StorageException e) {
            throw nameConflictOr(e);
        }
    }

    /**
     * Removes a profile. Autodialers keep its id in their settings; they fall back to "Not found
     * text to speech settings" on their next UPDATE, and synthesis with it fails at call time.
     */
    public void remove(long id) {
        db.inTransaction(c -> {
            if (!repository.delete(c, id)) {
                throw EngineException.notFound(NOT_FOUND);
            }
            return null;
        });
    }

    public Optional<TtsProfile> find(long id) {
        return db.read(c -> repository.find(c, id));
    }

    /** Every profile, by id. */
    public List<TtsProfile> list() {
        return db.read(repository::list);
    }

    /** id → name, by id: GET_WITH_DATA's {@code ttsSettings} and /dictionary?type=TTS_PROFILE. */
    public Map<Long, String> names() {
        Map<Long, String> names = new LinkedHashMap<>();
        for (TtsProfile p : list()) {
            names.put(p.id(), p.name());
        }
        return names;
    }

    private static RuntimeException nameConflictOr(StorageException e) {
        // Two requests raced past the name check; the unique index decided.
        return e.isUniqueViolation() ? EngineException.conflict("Name already present") : e;
    }
}
