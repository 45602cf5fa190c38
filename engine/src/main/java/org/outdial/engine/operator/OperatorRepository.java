package org.outdial.engine.operator;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.outdial.engine.storage.Sql;

/** Rows of {@code inner_phone}, {@code phone_group} and {@code phone_group_member}. */
final class OperatorRepository {

    private static final String PHONE_COLUMNS = "number, password, first_name, last_name";

    void insertPhone(Connection c, InnerPhone p, Instant now) throws SQLException {
        Sql.update(c,
                "INSERT INTO inner_phone (number, password, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?)",
                p.number(), p.password(), p.firstName(), p.lastName(), now);
    }

    boolean updatePhone(Connection c, InnerPhone p) throws SQLException {
        return Sql.update(c, "UPDATE inner_phone SET password = ?, first_name = ?, last_name = ? WHERE number = ?",
                p.password(), p.firstName(), p.lastName(), p.number()) == 1;
    }

    boolean deletePhone(Connection c, String number) throws SQLException {
        return Sql.update(c, "DELETE FROM inner_phone WHERE number = ?", number) == 1;
    }

    boolean updateWorkStatus(Connection c, String number, WorkStatus status) throws SQLException {
        return Sql.update(c, "UPDATE inner_phone SET work_status = ? WHERE number = ?", status.name(), number) == 1;
    }

    Optional<WorkStatus> workStatus(Connection c, String number) throws SQLException {
        return Sql.one(c, "SELECT work_status FROM inner_phone WHERE number = ?",
                rs -> WorkStatus.valueOf(rs.getString(1)), number);
    }

    /** number → work status, for every line. */
    Map<String, WorkStatus> workStatuses(Connection c) throws SQLException {
        Map<String, WorkStatus> statuses = new LinkedHashMap<>();
        for (Map.Entry<String, WorkStatus> e : Sql.list(c, "SELECT number, work_status FROM inner_phone ORDER BY number",
                rs -> Map.entry(rs.getString(1), WorkStatus.valueOf(rs.getString(2))))) {
            statuses.put(e.getKey(), e.getValue());
        }
        return statuses;
    }

    Optional<String> password(Connection c, String number) throws SQLException {
        return Sql.one(c, "SELECT password FROM inner_phone WHERE number = ?", rs -> rs.getString(1), number);
    }

    Optional<InnerPhone> findPhone(Connection c, String number) throws SQLException {
        return Sql.one(c, "SELECT " + PHONE_COLUMNS + " FROM inner_phone WHERE number = ?", rs -> phone(rs, 1), number);
    }

    List<InnerPhone> phones(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + PHONE_COLUMNS + " FROM inner_phone ORDER BY number", rs -> phone(rs, 1));
    }

    /** Which of {@code numbers} exist, in one query. */
    Set<String> existingPhones(Connection c, List<String> numbers) throws SQLException {
        Array array = c.createArrayOf("VARCHAR", numbers.toArray());
        try {
            return new HashSet<>(Sql.list(c, "SELECT number FROM inner_phone WHERE number = ANY (?)",
                    rs -> rs.getString(1), array));
        } finally {
            array.free();
        }
    }

    long insertGroup(Connection c, String name, GroupType type, boolean alwaysConnected, Instant now)
            throws SQLException {
        return Sql.insert(c, "INSERT INTO phone_group (name, group_type, always_connected, created_at) VALUES (?, ?, ?, ?)",
                name, type, alwaysConnected, now);
    }

    boolean renameGroup(Connection c, long id, String name) throws SQLException {
        return Sql.update(c, "UPDATE phone_group SET name = ? WHERE id = ?", name, id) == 1;
    }

    boolean deleteGroup(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM phone_group WHERE id = ?", id) == 1;
    }

    boolean groupNameTaken(Connection c, String name, long exceptId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM phone_group WHERE name = ? AND id <> ?", name, exceptId);
    }

    boolean groupUsedByScenario(Connection c, long id) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM in_scenario WHERE group_id = ?", id);
    }

    Optional<PhoneGroup> findGroup(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id, name, group_type, always_connected FROM phone_group WHERE id = ?",
                rs -> new PhoneGroup(rs.getLong(1), rs.getString(2), GroupType.valueOf(rs.getString(3)), members(c, id),
                        rs.getBoolean(4)),
                id);
    }

    /** Every group with its members, in two queries. */
    List<PhoneGroup> groups(Connection c) throws SQLException {
        Map<Long, List<InnerPhone>> members = new LinkedHashMap<>();
        for (Map.Entry<Long, InnerPhone> member : Sql.list(c, "SELECT m.group_id, p.number, p.password, p.first_name, "
                + "p.last_name FROM phone_group_member m JOIN inner_phone p ON p.number = m.number "
                + "ORDER BY m.group_id, p.number", rs -> Map.entry(rs.getLong(1), phone(rs, 2)))) {
            members.computeIfAbsent(member.getKey(), k -> new ArrayList<>()).add(member.getValue());
        }
        return Sql.list(c, "SELECT id, name, group_type, always_connected FROM phone_group ORDER BY id",
                rs -> new PhoneGroup(rs.getLong(1), rs.getString(2), GroupType.valueOf(rs.getString(3)),
                        members.getOrDefault(rs.getLong(1), List.of()), rs.getBoolean(4)));
    }

    boolean setAlwaysConnected(Connection c, long id, boolean alwaysConnected) throws SQLException {
        return Sql.update(c, "UPDATE phone_group SET always_connected = ? WHERE id = ?", alwaysConnected, id) == 1;
    }

    /** The member lines of every always-connected group of internal lines, by number. */
    List<String> alwaysConnectedLines(Connection c) throws SQLException {
        return Sql.list(c, "SELECT DISTINCT m.number FROM phone_group_member m JOIN phone_group g ON g.id = m.group_id"
                + " WHERE g.always_connected AND g.group_type = 'INNER_PHONES' ORDER BY m.number", rs -> rs.getString(1));
    }

    Map<Long, String> groupNames(Connection c) throws SQLException {
        return Sql.names(c, "SELECT id, name FROM phone_group ORDER BY id");
    }

    private List<InnerPhone> members(Connection c, long groupId) throws SQLException {
        return Sql.list(c, "SELECT p.number, p.password, p.first_name, p.last_name FROM phone_group_member m"
                + " JOIN inner_phone p ON p.number = m.number WHERE m.group_id = ? ORDER BY p.number",
                rs -> phone(rs, 1), groupId);
    }

    /** Adds the member; false when it already was one. */
    boolean insertMember(Connection c, long groupId, String number) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM phone_group_member WHERE group_id = ? AND number = ?", groupId, number)) {
            return false;
        }
        return Sql.update(c, "INSERT INTO phone_group_member (group_id, number) VALUES (?, ?)", groupId, number) == 1;
    }

    boolean deleteMember(Connection c, long groupId, String number) throws SQLException {
        return Sql.update(c, "DELETE FROM phone_group_member WHERE group_id = ? AND number = ?", groupId, number) == 1;
    }

    private static InnerPhone phone(ResultSet rs, int at) throws SQLException {
        return new InnerPhone(rs.getString(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3));
    }
}
