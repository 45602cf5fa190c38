package org.outdial.engine.campaign;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Autodialer rows: plain JDBC on the connection of the caller's transaction. */
public final class CampaignRepository {

    private static final String COLUMNS = "id, name, autodialer_type, autodialer_mode, status, status_changed_at, "
            + "finished_date, last_refresh_at, settings, calls_done_count, created_at";

    public long insert(Connection c, String name, AutodialerType type, AutodialerMode mode, TaskStatus status,
                       CampaignSettings settings, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO autodialer (name, autodialer_type, autodialer_mode, status, status_changed_at, settings, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, type.name());
            ps.setString(3, mode.name());
            ps.setString(4, status.name());
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, SettingsCodec.write(settings));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public void update(Connection c, long id, String name, AutodialerMode mode, CampaignSettings settings)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodialer SET name = ?, autodialer_mode = ?, settings = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setString(2, mode.name());
            ps.setString(3, SettingsCodec.write(settings));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public void updateStatus(Connection c, long id, TaskStatus status, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodialer SET status = ?, status_changed_at = ?, finished_date = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setDate(3, status == TaskStatus.FINISHED ? Date.valueOf(now.atZone(java.time.ZoneId.systemDefault())
                    .toLocalDate()) : null);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public void markRefreshed(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE autodialer SET last_refresh_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Counts calls done; its UPDATE locks the row, as {@link #lock} does. False when the autodialer is gone. */
    public boolean addCallsDone(Connection c, long id, int calls) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodialer SET calls_done_count = calls_done_count + ? WHERE id = ?")) {
            ps.setInt(1, calls);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM autodialer WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Reads the row and locks it until the transaction ends, so writers of one autodialer queue up. */
    public Optional<Campaign> lock(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM autodialer WHERE id = ? FOR UPDATE", id);
    }

    public Optional<Campaign> find(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM autodialer WHERE id = ?", id);
    }

    public boolean nameTaken(Connection c, String name, long exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM autodialer WHERE name = ? AND id <> ?")) {
            ps.setString(1, name);
            ps.setLong(2, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public int count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM autodialer");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public List<Campaign> list(Connection c) throws SQLException {
        List<Campaign> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM autodialer ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(map(rs));
            }
        }
        return result;
    }

    /** Autodialers in one of {@code statuses}, for the dialer. */
    public List<Campaign> listByStatus(Connection c, List<TaskStatus> statuses) throws SQLException {
        List<Campaign> result = new ArrayList<>();
        for (Campaign campaign : list(c)) {
            if (statuses.contains(campaign.status())) {
                result.add(campaign);
            }
        }
        return result;
    }

    private Optional<Campaign> one(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static Campaign map(ResultSet rs) throws SQLException {
        Date finished = rs.getDate("finished_date");
        Timestamp refreshed = rs.getTimestamp("last_refresh_at");
        return new Campaign(rs.getLong("id"), rs.getString("name"),
                AutodialerType.valueOf(rs.getString("autodialer_type")),
                AutodialerMode.valueOf(rs.getString("autodialer_mode")),
                TaskStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("status_changed_at").toInstant(),
                finished == null ? null : finished.toLocalDate(),
                refreshed == null ? null : refreshed.toInstant(),
                SettingsCodec.read(rs.getString("settings")),
                rs.getLong("calls_done_count"),
                rs.getTimestamp("created_at").toInstant());
    }
}
