package org.outdial.engine.scenario;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.storage.Sql;

/** Rows of {@code in_scenario} and {@code out_scenario}. */
final class ScenarioRepository {

    private static final String SELECT_IN = "SELECT id, name, action, group_id FROM in_scenario";
    private static final String SELECT_OUT = "SELECT id, name, trunk, caller_id FROM out_scenario";

    long insertIn(Connection c, InScenario s, Instant now) throws SQLException {
        return Sql.insert(c, "INSERT INTO in_scenario (name, action, group_id, created_at) VALUES (?, ?, ?, ?)",
                s.name(), s.action(), s.groupId(), now);
    }

    boolean updateIn(Connection c, InScenario s) throws SQLException {
        return Sql.update(c, "UPDATE in_scenario SET name = ?, action = ?, group_id = ? WHERE id = ?",
                s.name(), s.action(), s.groupId(), s.id()) == 1;
    }

    long insertOut(Connection c, OutScenario s, Instant now) throws SQLException {
        return Sql.insert(c, "INSERT INTO out_scenario (name, trunk, caller_id, created_at) VALUES (?, ?, ?, ?)",
                s.name(), s.trunk(), s.callerId(), now);
    }

    boolean updateOut(Connection c, OutScenario s) throws SQLException {
        return Sql.update(c, "UPDATE out_scenario SET name = ?, trunk = ?, caller_id = ? WHERE id = ?",
                s.name(), s.trunk(), s.callerId(), s.id()) == 1;
    }

    boolean delete(Connection c, String table, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM " + table + " WHERE id = ?", id) == 1;
    }

    boolean nameTaken(Connection c, String table, String name, long exceptId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM " + table + " WHERE name = ? AND id <> ?", name, exceptId);
    }

    /** The group's type name, or empty when there is no such group. */
    Optional<String> groupType(Connection c, long groupId) throws SQLException {
        return Sql.one(c, "SELECT group_type FROM phone_group WHERE id = ?", rs -> rs.getString(1), groupId);
    }

    Optional<InScenario> findIn(Connection c, long id) throws SQLException {
        return Sql.one(c, SELECT_IN + " WHERE id = ? ORDER BY id", ScenarioRepository::in, id);
    }

    List<InScenario> listIn(Connection c) throws SQLException {
        return Sql.list(c, SELECT_IN + " ORDER BY id", ScenarioRepository::in);
    }

    Optional<OutScenario> findOut(Connection c, long id) throws SQLException {
        return Sql.one(c, SELECT_OUT + " WHERE id = ? ORDER BY id", ScenarioRepository::out, id);
    }

    List<OutScenario> listOut(Connection c) throws SQLException {
        return Sql.list(c, SELECT_OUT + " ORDER BY id", ScenarioRepository::out);
    }

    private static InScenario in(ResultSet rs) throws SQLException {
        long groupId = rs.getLong(4);
        Long group = rs.wasNull() ? null : groupId; // wasNull speaks of the last column read: read it right here
        return new InScenario(rs.getLong(1), rs.getString(2), InAction.valueOf(rs.getString(3)), group);
    }

    private static OutScenario out(ResultSet rs) throws SQLException {
        return new OutScenario(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }
}
