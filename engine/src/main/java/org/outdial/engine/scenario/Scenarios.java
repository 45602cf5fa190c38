package org.outdial.engine.scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.operator.GroupType;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;

/** Incoming and outgoing scenarios. */
public final class Scenarios {

    /** UniTalk's autodialer ADD/UPDATE: "In scenario not found". */
    public static final String IN_NOT_FOUND = "In scenario not found";
    /** UniTalk's autodialer ADD/UPDATE: "Not found out scenario". */
    public static final String OUT_NOT_FOUND = "Not found out scenario";

    private static final String IN_TABLE = "in_scenario";
    private static final String OUT_TABLE = "out_scenario";

    private final Transactor db;
    private final InstantSource clock;
    private final Set<String> trunks;
    private final ScenarioRepository repository = new ScenarioRepository();

    /**
     * @param trunks the names of the configured trunks ({@code trunks[].name}); an outgoing
     *               scenario must name one of them
     */
    public Scenarios(DataSource dataSource, InstantSource clock, Set<String> trunks) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trunks = Set.copyOf(trunks);
    }

    // ---- incoming

    public long addIn(InScenario scenario) {
        return write(c -> {
            checkIn(c, scenario);
            return repository.insertIn(c, scenario, clock.instant());
        });
    }

    public void updateIn(InScenario scenario) {
        write(c -> {
            if (repository.findIn(c, scenario.id()).isEmpty()) {
                throw EngineException.notFound(IN_NOT_FOUND);
            }
            checkIn(c, scenario);
            return repository.updateIn(c, scenario);
        });
    }

    public void removeIn(long id) {
        db.inTransaction(c -> {
            if (!repository.delete(c, IN_TABLE, id)) {
                throw EngineException.notFound(IN_NOT_FOUND);
            }
            return null;
        });
    }

    public Optional<InScenario> findIn(long id) {
        return db.read(c -> repository.findIn(c, id));
    }

    public List<InScenario> listIn() {
        return db.read(repository::listIn);
    }

    /** id → name, by id: GET_WITH_DATA's {@code scenarios}, /dictionary?type=IN_SCENARIO. */
    public Map<Long, String> inNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        listIn().forEach(s -> names.put(s.id(), s.name()));
        return names;
    }

    // ---- outgoing

    public long addOut(OutScenario scenario) {
        return write(c -> {
            checkOut(c, scenario);
            return repository.insertOut(c, scenario, clock.instant());
        });
    }

    public void updateOut(OutScenario scenario) {
        write(c -> {
            if (repository.findOut(c, scenario.id()).isEmpty()) {
                throw EngineException.notFound(OUT_NOT_FOUND);
            }
            checkOut(c, scenario);
            return repository.updateOut(c, scenario);
        });
    }

    public void removeOut(long id) {
        db.inTransaction(c -> {
            if (!repository.delete(c, OUT_TABLE, id)) {
                throw EngineException.notFound(OUT_NOT_FOUND);
            }
            return null;
        });
    }

    public Optional<OutScenario> findOut(long id) {
        return db.read(c -> repository.findOut(c, id));
    }

    public List<OutScenario> listOut() {
        return db.read(repository::listOut);
    }

    /** id → name, by id: GET_WITH_DATA's {@code outScenarios}, /dictionary?type=OUT_SCENARIO. */
    public Map<Long, String> outNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        listOut().forEach(s -> names.put(s.id(), s.name()));
        return names;
    }

    /** The names of the configured trunks, sorted. */
    public List<String> trunks() {
        return trunks.stream().sorted().toList();
    }

    private void checkIn(Connection c, InScenario s) throws SQLException {
        if (repository.nameTaken(c, IN_TABLE, s.name(), s.id())) {
            throw EngineException.conflict("Name already present");
        }
        if (s.groupId() != null) {
            String type = repository.groupType(c, s.groupId())
                    .orElseThrow(() -> EngineException.notFound(Operators.GROUP_NOT_FOUND));
            if (!GroupType.INNER_PHONES.name().equals(type)) {
                throw EngineException.invalid(Operators.WRONG_GROUP_TYPE);
            }
        }
    }

    private void checkOut(Connection c, OutScenario s) throws SQLException {
        if (repository.nameTaken(c, OUT_TABLE, s.name(), s.id())) {
            throw EngineException.conflict("Name already present");
        }
        if (!trunks.contains(s.trunk())) {
            throw EngineException.invalid("Trunk not found");
        }
    }

    private <T> T write(Transactor.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (StorageException e) {
            // Two requests raced past the name check; the unique index decided.
            throw e.isUniqueViolation() ? EngineException.conflict("Name already present") : e;
        }
    }
}
