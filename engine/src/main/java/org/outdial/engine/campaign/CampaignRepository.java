package org.outdial.engine.campaign;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.storage.Sql;

/** Autodialer rows: plain JDBC on the connection of the caller's transaction. */
public final class CampaignRepository {

    private static final String COLUMNS = "id, name, autodialer_type, autodialer_mode, status, status_changed_at, "
            + "finished_date, last_refresh_at, settings, calls_done_count, created_at";

    public long insert(Connection c, String name, CampaignType type, CampaignMode mode, CampaignStatus status,
                       CampaignSettings settings, Instant now) throws SQLException {
        return Sql.insert(c, "INSERT INTO autodialer (name, autodialer_type, autodialer_mode, status, status_changed_at, "
                + "settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", name, type, mode, status, now,
                SettingsCodec.write(settings), now);
    }

    public void update(Connection c, long id, String name, CampaignMode mode, CampaignSettings settings)
            throws SQLException {
        Sql.update(c, "UPDATE autodialer SET name = ?, autodialer_mode = ?, settings = ? WHERE id = ?", name, mode,
                SettingsCodec.write(settings), id);
    }

    public void updateStatus(Connection c, long id, CampaignStatus status, Instant now) throws SQLException {
        Sql.update(c, "UPDATE autodialer SET status = ?, status_changed_at = ?, finished_date = ? WHERE id = ?", status,
                now, status == CampaignStatus.FINISHED ? Date.valueOf(now.atZone(java.time.ZoneId.systemDefault()).toLocalDate())
                        : null, id);
    }

    public void markRefreshed(Connection c, long id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE autodialer SET last_refresh_at = ? WHERE id = ?", now, id);
    }

    /** Counts calls done; its UPDATE locks the row, as {@link #lock} does. False when the autodialer is gone. */
    public boolean addCallsDone(Connection c, long id, int calls) throws SQLException {
        return Sql.update(c, "UPDATE autodialer SET calls_done_count = calls_done_count + ? WHERE id = ?", calls, id) == 1;
    }

    public boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM autodialer WHERE id = ?", id) == 1;
    }

    /** Reads the row and locks it until the transaction ends, so writers of one autodialer queue up. */
    public Optional<Campaign> lock(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM autodialer WHERE id = ? FOR UPDATE", CampaignRepository::map, id);
    }

    public Optional<Campaign> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM autodialer WHERE id = ?", CampaignRepository::map, id);
    }

    public boolean nameTaken(Connection c, String name, long exceptId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM autodialer WHERE name = ? AND id <> ?", name, exceptId);
    }

    public int count(Connection c) throws SQLException {
        return (int) Sql.count(c, "SELECT COUNT(*) FROM autodialer");
    }

    public List<Campaign> list(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM autodialer ORDER BY id", CampaignRepository::map);
    }

    /** Autodialers in one of {@code statuses}, for the dialer. */
    public List<Campaign> listByStatus(Connection c, List<CampaignStatus> statuses) throws SQLException {
        List<Campaign> result = new ArrayList<>();
        for (Campaign campaign : list(c)) {
            if (statuses.contains(campaign.status())) {
                result.add(campaign);
            }
        }
        return result;
    }

    private static Campaign map(ResultSet rs) throws SQLException {
        Date finished = rs.getDate("finished_date");
        Timestamp refreshed = rs.getTimestamp("last_refresh_at");
        CampaignType type = CampaignType.valueOf(rs.getString("autodialer_type"));
        CampaignMode mode = CampaignMode.valueOf(rs.getString("autodialer_mode"));
        return new Campaign(rs.getLong("id"), rs.getString("name"), type, mode,
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("status_changed_at").toInstant(),
                finished == null ? null : finished.toLocalDate(),
                refreshed == null ? null : refreshed.toInstant(),
                SettingsCodec.read(rs.getString("settings"), type, mode),
                rs.getLong("calls_done_count"),
                rs.getTimestamp("created_at").toInstant());
    }
}
