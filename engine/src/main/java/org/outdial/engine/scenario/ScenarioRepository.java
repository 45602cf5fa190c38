package org.outdial.engine.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code in_scenario} and {@code out_scenario}. */
final class ScenarioRepository {

    long insertIn(Connection c, InScenario s, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO in_scenario (name, action, group_id, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bindIn(st, s);
            st.setTimestamp(4, Timestamp.from(now));
            st.executeUpdate();
            return key(st);
        }
    }

    boolean updateIn(Connection c, InScenario s) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE in_scenario SET name = ?, action = ?, group_id = ? WHERE id = ?")) {
            bindIn(st, s);
            st.setLong(4, s.id());
            return st.executeUpdate() == 1;
        }
    }

    long insertOut(Connection c, OutScenario s, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO out_scenario (name, trunk, caller_id, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bindOut(st, s);
            st.setTimestamp(4, Timestamp.from(now));
            st.executeUpdate();
            return key(st);
        }
    }

    boolean updateOut(Connection c, OutScenario s) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE out_scenario SET name = ?, trunk = ?, caller_id = ? WHERE id = ?")) {
            bindOut(st, s);
            st.setLong(4, s.id());
            return st.executeUpdate() == 1;
        }
    }

    boolean delete(Connection c, String table, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            st.setLong(1, id);
            return st.executeUpdate() == 1;
        }
    }

    boolean nameTaken(Connection c, String table, String name, long exceptId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM " + table + " WHERE name = ? AND id <> ?")) {
            st.setString(1, name);
            st.setLong(2, exceptId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The group's type name, or empty when there is no such group. */
    Optional<String> groupType(Connection c, long groupId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT group_type FROM phone_group WHERE id = ?")) {
            st.setLong(1, groupId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    Optional<InScenario> findIn(Connection c, long id) throws SQLException {
        List<InScenario> found = selectIn(c, " WHERE id = ?", id);
        return found.stream().findFirst();
    }

    List<InScenario> listIn(Connection c) throws SQLException {
        return selectIn(c, "", null);
    }

    Optional<OutScenario> findOut(Connection c, long id) throws SQLException {
        return selectOut(c, " WHERE id = ?", id).stream().findFirst();
    }

    List<OutScenario> listOut(Connection c) throws SQLException {
        return selectOut(c, "", null);
    }

    private List<InScenario> selectIn(Connection c, String where, Long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, name, action, group_id FROM in_scenario" + where + " ORDER BY id")) {
            if (id != null) {
                st.setLong(1, id);
            }
            try (ResultSet rs = st.executeQuery()) {
                List<InScenario> out = new ArrayList<>();
                while (rs.next()) {
                    long groupId = rs.getLong(4);
                    out.add(new InScenario(rs.getLong(1), rs.getString(2), InAction.valueOf(rs.getString(3)),
                            rs.wasNull() ? null : groupId));
                }
                return out;
            }
        }
    }

    private List<OutScenario> selectOut(Connection c, String where, Long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, name, trunk, caller_id FROM out_scenario" + where + " ORDER BY id")) {
            if (id != null) {
                st.setLong(1, id);
            }
            try (ResultSet rs = st.executeQuery()) {
                List<OutScenario> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new OutScenario(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
                return out;
            }
        }
    }

    private static void bindIn(PreparedStatement st, InScenario s) throws SQLException {
        st.setString(1, s.name());
        st.setString(2, s.action().name());
        if (s.groupId() == null) {
            st.setNull(3, Types.BIGINT);
        } else {
            st.setLong(3, s.groupId());
        }
    }

    private static void bindOut(PreparedStatement st, OutScenario s) throws SQLException {
        st.setString(1, s.name());
        st.setString(2, s.trunk());
        st.setString(3, s.callerId());
    }

    private static long key(PreparedStatement st) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
