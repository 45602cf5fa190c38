package org.outdial.engine.robot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.Sql;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;

/** Voice robots: stored scripts, validated when saved ({@link ScriptParser}, {@link ScriptReferences}). */
public final class VoiceRobots {

    /** UniTalk's autodialer ADD/UPDATE: "Voice secretary not found". */
    public static final String NOT_FOUND = "Voice secretary not found";

    private final Transactor db;
    private final InstantSource clock;
    private final ScriptReferences references;
    private final Repository repository = new Repository();

    /** A store whose scripts' references are not checked (tests of the store alone). */
    public VoiceRobots(DataSource dataSource, InstantSource clock) {
        this(dataSource, clock, ScriptReferences.unchecked());
    }

    public VoiceRobots(DataSource dataSource, InstantSource clock, ScriptReferences references) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.references = Objects.requireNonNull(references, "references");
    }

    /** The script of {@code robot}, validated as a call will run it (docs/API.md, "Voice robot scripts"). */
    public RobotScript validate(VoiceRobot robot) {
        RobotScript script = ScriptParser.parse(robot.script());
        ScriptReferences.check(script, references);
        return script;
    }

    public long add(VoiceRobot robot) {
        validate(robot);
        return write(c -> {
            if (repository.nameTaken(c, robot.name(), 0)) {
                throw EngineException.conflict("Name already present");
            }
            return repository.insert(c, robot, clock);
        });
    }

    public void update(VoiceRobot robot) {
        validate(robot);
        write(c -> {
            if (!repository.exists(c, robot.id())) {
                throw EngineException.notFound(NOT_FOUND);
            }
            if (repository.nameTaken(c, robot.name(), robot.id())) {
                throw EngineException.conflict("Name already present");
            }
            return repository.update(c, robot);
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

    /** The robot with its script. */
    public Optional<VoiceRobot> find(long id) {
        return db.read(c -> repository.find(c, id));
    }

    /** Whether a robot exists, without reading its script (autodialer ADD/UPDATE). */
    public boolean exists(long id) {
        return db.read(c -> repository.exists(c, id));
    }

    /** id → name, by id: GET_WITH_DATA's {@code voiceSecretaries}, /dictionary?type=VOICE_ROBOT. */
    public Map<Long, String> names() {
        return db.read(repository::names);
    }

    /** Every robot with its script, by id. */
    public List<VoiceRobot> list() {
        return db.read(repository::list);
    }

    private <T> T write(Transactor.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (StorageException e) {
            throw e.isUniqueViolation() ? EngineException.conflict("Name already present") : e;
        }
    }

    /** Rows of {@code voice_robot}. */
    private static final class Repository {

        long insert(Connection c, VoiceRobot r, InstantSource clock) throws SQLException {
            return Sql.insert(c, "INSERT INTO voice_robot (name, script, created_at) VALUES (?, ?, ?)",
                    r.name(), r.script(), clock.instant());
        }

        boolean update(Connection c, VoiceRobot r) throws SQLException {
            return Sql.update(c, "UPDATE voice_robot SET name = ?, script = ? WHERE id = ?",
                    r.name(), r.script(), r.id()) == 1;
        }

        boolean delete(Connection c, long id) throws SQLException {
            return Sql.update(c, "DELETE FROM voice_robot WHERE id = ?", id) == 1;
        }

        boolean nameTaken(Connection c, String name, long exceptId) throws SQLException {
            return Sql.exists(c, "SELECT 1 FROM voice_robot WHERE name = ? AND id <> ?", name, exceptId);
        }

        boolean exists(Connection c, long id) throws SQLException {
            return Sql.exists(c, "SELECT 1 FROM voice_robot WHERE id = ?", id);
        }

        Optional<VoiceRobot> find(Connection c, long id) throws SQLException {
            return Sql.one(c, "SELECT id, name, script FROM voice_robot WHERE id = ?", Repository::row, id);
        }

        List<VoiceRobot> list(Connection c) throws SQLException {
            return Sql.list(c, "SELECT id, name, script FROM voice_robot ORDER BY id", Repository::row);
        }

        Map<Long, String> names(Connection c) throws SQLException {
            return Sql.names(c, "SELECT id, name FROM voice_robot ORDER BY id");
        }

        private static VoiceRobot row(ResultSet rs) throws SQLException {
            return new VoiceRobot(rs.getLong(1), rs.getString(2), rs.getString(3));
        }
    }
}
