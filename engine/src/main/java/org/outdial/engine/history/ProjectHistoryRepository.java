package org.outdial.engine.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.outdial.engine.storage.Sql;

/**
 * The project's calls across every autodialer and the single calls (/history/get): the same
 * call_record rows GET_CALLS_HISTORY reads per autodialer, newest first by id.
 */
public final class ProjectHistoryRepository {

    private static final String COLUMNS = "r." + CallHistoryRepository.COLUMNS.replace(", ", ", r.")
            + ", r.source, r.trunk, r.meta";

    public long count(Connection c, ProjectHistoryQuery q) throws SQLException {
        Where where = where(q);
        return Sql.count(c, "SELECT COUNT(*) FROM call_record r" + where.sql, where.values.toArray());
    }

    public List<ProjectCall> page(Connection c, ProjectHistoryQuery q) throws SQLException {
        Where where = where(q);
        List<Object> values = new ArrayList<>(where.values);
        values.add(q.limit());
        values.add(q.offset());
        return Sql.list(c, "SELECT " + COLUMNS + " FROM call_record r" + where.sql
                + " ORDER BY r.id DESC LIMIT ? OFFSET ?", ProjectHistoryRepository::map, values.toArray());
    }

    /** The single call recorded with id {@code rid}, if it has ended. */
    public java.util.Optional<ProjectCall> findByRid(Connection c, long rid) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM call_record r WHERE r.rid = ?", ProjectHistoryRepository::map,
                rid);
    }

    private record Where(String sql, List<Object> values) {
    }

    private static Where where(ProjectHistoryQuery q) {
        StringBuilder sql = new StringBuilder(" WHERE r.call_end_time >= ? AND r.call_end_time < ?");
        List<Object> values = new ArrayList<>(List.of(q.from(), q.to()));
        if (q.none()) {
            sql.append(" AND 1 = 0");
        }
        if (q.minDuration() != null && q.minDuration() > 0) {
            sql.append(" AND r.seconds_talk >= ?");
            values.add(q.minDuration());
        }
        // The caller of an outgoing call is the operator line that took or placed it, else its trunk.
        anyLike(sql, values, List.of("r.operator_number", "r.trunk"), q.calledFrom());
        anyLike(sql, values, List.of("r.phone"), q.calledTo());
        anyEqual(sql, values, List.of("r.trunk"), q.outerNum());
        anyEqual(sql, values, List.of("r.phone", "r.operator_number"), q.exactPhone());
        if (q.newLead() != null) {
            // Seed 004 newLead: "the first call to the client number".
            sql.append(q.newLead() ? " AND NOT" : " AND").append(
                    " EXISTS (SELECT 1 FROM call_record p WHERE p.phone = r.phone AND p.id < r.id)");
        }
        if (q.answered() != null) {
            sql.append(q.answered() ? " AND r.seconds_for_client_answered IS NOT NULL"
                    : " AND r.seconds_for_client_answered IS NULL");
        }
        return new Where(sql.toString(), values);
    }

    private static void anyLike(StringBuilder sql, List<Object> values, List<String> columns, List<String> parts) {
        List<String> kept = parts.stream().filter(p -> p != null && !p.isEmpty()).toList();
        if (kept.isEmpty()) {
            return;
        }
        List<String> terms = new ArrayList<>();
        for (String part : kept) {
            for (String column : columns) {
                terms.add(column + " LIKE ? ESCAPE '\\'");
                values.add("%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        sql.append(" AND (").append(String.join(" OR ", terms)).append(")");
    }

    private static void anyEqual(StringBuilder sql, List<Object> values, List<String> columns, List<String> exact) {
        List<String> kept = exact.stream().filter(p -> p != null && !p.isEmpty()).toList();
        if (kept.isEmpty()) {
            return;
        }
        List<String> terms = new ArrayList<>();
        for (String column : columns) {
            terms.add(column + " IN (" + "?, ".repeat(kept.size() - 1) + "?)");
            values.addAll(kept);
        }
        sql.append(" AND (").append(String.join(" OR ", terms)).append(")");
    }

    private static ProjectCall map(ResultSet rs) throws SQLException {
        return new ProjectCall(CallHistoryRepository.map(rs), CallSource.valueOf(rs.getString("source")),
                rs.getString("trunk"), rs.getString("meta"));
    }
}
