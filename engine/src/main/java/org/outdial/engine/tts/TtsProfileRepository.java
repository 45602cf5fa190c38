package org.outdial.engine.tts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.storage.Sql;

/** Rows of {@code tts_profile}. */
final class TtsProfileRepository {

    long insert(Connection c, TtsProfile p, Instant now) throws SQLException {
        return Sql.insert(c, "INSERT INTO tts_profile (name, voice, speed, pitch, created_at) VALUES (?, ?, ?, ?, ?)",
                p.name(), p.voice(), p.speed(), p.pitch(), now);
    }

    boolean update(Connection c, TtsProfile p) throws SQLException {
        return Sql.update(c, "UPDATE tts_profile SET name = ?, voice = ?, speed = ?, pitch = ? WHERE id = ?",
                p.name(), p.voice(), p.speed(), p.pitch(), p.id()) == 1;
    }

    boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM tts_profile WHERE id = ?", id) == 1;
    }

    boolean nameTaken(Connection c, String name, long exceptId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM tts_profile WHERE name = ? AND id <> ?", name, exceptId);
    }

    Optional<TtsProfile> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id, name, voice, speed, pitch FROM tts_profile WHERE id = ?",
                TtsProfileRepository::row, id);
    }

    List<TtsProfile> list(Connection c) throws SQLException {
        return Sql.list(c, "SELECT id, name, voice, speed, pitch FROM tts_profile ORDER BY id",
                TtsProfileRepository::row);
    }

    private static TtsProfile row(ResultSet rs) throws SQLException {
        return new TtsProfile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5));
    }
}
