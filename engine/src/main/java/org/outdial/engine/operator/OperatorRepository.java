package org.outdial.engine.operator;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rows of {@code inner_phone}, {@code phone_group} and {@code phone_group_member}. */
final class OperatorRepository {

    private static final String PHONE_COLUMNS = "number, password, first_name, last_name";

    void insertPhone(Connection c, InnerPhone p, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO inner_phone (number, password, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, p.number());
            st.setString(2, p.password());
            st.setString(3, p.firstName());
            st.setString(4, p.lastName());
            st.setTimestamp(5, Timestamp.from(now));
            st.executeUpdate();
        }
    }

    boolean updatePhone(Connection c, InnerPhone p) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE inner_phone SET password = ?, first_name = ?, last_name = ? WHERE number = ?")) {
            st.setString(1, p.password());
            st.setString(2, p.firstName());
            st.setString(3, p.lastName());
            st.setString(4, p.number());
            return st.executeUpdate() == 1;
        }
    }

    boolean deletePhone(Connection c, String number) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM inner_phone WHERE number = ?")) {
            st.setString(1, number);
            return st.executeUpdate() == 1;
        }
    }

    Optional<InnerPhone> findPhone(Connection c, String number) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + PHONE_COLUMNS + " FROM inner_phone WHERE number = ?")) {
            st.setString(1, number);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(phone(rs, 1)) : Optional.empty();
            }
        }
    }

    List<InnerPhone> phones(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + PHONE_COLUMNS + " FROM inner_phone ORDER BY number");
                ResultSet rs = st.executeQuery()) {
            List<InnerPhone> out = new ArrayList<>();
            while (rs.next()) {
                out.add(phone(rs, 1));
            }
            return out;
        }
    }

    /** Which of {@code numbers} exist, in one query. */
    Set<String> existingPhones(Connection c, List<String> numbers) throws SQLException {
        Array array = c.createArrayOf("VARCHAR", numbers.toArray());
        try (PreparedStatement st = c.prepareStatement("SELECT number FROM inner_phone WHERE number = ANY (?)")) {
            st.setArray(1, array);
            try (ResultSet rs = st.executeQuery()) {
                Set<String> out = new HashSet<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        } finally {
            array.free();
        }
    }

    long insertGroup(Connection c, String name, GroupType type, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO phone_group (name, group_type, created_at) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, name);
            st.setString(2, type.name());
            st.setTimestamp(3, Timestamp.from(now));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean renameGroup(Connection c, long id, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE phone_group SET name = ? WHERE id = ?")) {
            st.setString(1, name);
            st.setLong(2, id);
            return st.executeUpdate() == 1;
        }
    }

    boolean deleteGroup(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM phone_group WHERE id = ?")) {
            st.setLong(1, id);
            return st.executeUpdate() == 1;
        }
    }

    boolean groupNameTaken(Connection c, String name, long exceptId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM phone_group WHERE name = ? AND id <> ?")) {
            st.setString(1, name);
            st.setLong(2, exceptId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    boolean groupUsedByScenario(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM in_scenario WHERE group_id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    Optional<PhoneGroup> findGroup(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, name, group_type FROM phone_group WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PhoneGroup(rs.getLong(1), rs.getString(2),
                        GroupType.valueOf(rs.getString(3)), members(c, id)));
            }
        }
    }

    /** Every group with its members, in two queries. */
    List<PhoneGroup> groups(Connection c) throws SQLException {
        Map<Long, List<InnerPhone>> members = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT m.group_id, p.number, p.password, p.first_name, p.last_name FROM phone_group_member m"
                        + " JOIN inner_phone p ON p.number = m.number ORDER BY m.group_id, p.number");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(phone(rs, 2));
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT id, name, group_type FROM phone_group ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            List<PhoneGroup> out = new ArrayList<>();
            while (rs.next()) {
                long id = rs.getLong(1);
                out.add(new PhoneGroup(id, rs.getString(2), GroupType.valueOf(rs.getString(3)),
                        members.getOrDefault(id, List.of())));
            }
            return out;
        }
    }

    Map<Long, String> groupNames(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, name FROM phone_group ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            Map<Long, String> out = new LinkedHashMap<>();
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
            return out;
        }
    }

    private List<InnerPhone> members(Connection c, long groupId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT p.number, p.password, p.first_name, p.last_name FROM phone_group_member m"
                        + " JOIN inner_phone p ON p.number = m.number WHERE m.group_id = ? ORDER BY p.number")) {
            st.setLong(1, groupId);
            try (ResultSet rs = st.executeQuery()) {
                List<InnerPhone> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(phone(rs, 1));
                }
                return out;
            }
        }
    }

    /** Adds the member; false when it already was one. */
    boolean insertMember(Connection c, long groupId, String number) throws SQLException {
        try (PreparedStatement check = c.prepareStatement(
                "SELECT 1 FROM phone_group_member WHERE group_id = ? AND number = ?")) {
            check.setLong(1, groupId);
            check.setString(2, number);
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO phone_group_member (group_id, number) VALUES (?, ?)")) {
            st.setLong(1, groupId);
            st.setString(2, number);
            return st.executeUpdate() == 1;
        }
    }

    boolean deleteMember(Connection c, long groupId, String number) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM phone_group_member WHERE group_id = ? AND number = ?")) {
            st.setLong(1, groupId);
            st.setString(2, number);
            return st.executeUpdate() == 1;
        }
    }

    private static InnerPhone phone(ResultSet rs, int at) throws SQLException {
        return new InnerPhone(rs.getString(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3));
    }
}
