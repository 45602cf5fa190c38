package org.outdial.engine.audio;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.outdial.engine.storage.Sql;

/** Rows of {@code audio}. */
final class AudioRepository {

    private static final String COLUMNS = "id, name, audio_type, file_path, duration_ms, temp, created_at";

    long insert(Connection c, AudioFile a) throws SQLException {
        return Sql.insert(c,
                "INSERT INTO audio (name, audio_type, file_path, duration_ms, temp, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                a.name(), a.type(), a.path().toString(), a.durationMs(), a.temp(), a.createdAt());
    }

    boolean nameTaken(Connection c, String name) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM audio WHERE name = ?", name);
    }

    Optional<AudioFile> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM audio WHERE id = ?", AudioRepository::row, id);
    }

    /** By id; every type when {@code type} is null. */
    List<AudioFile> list(Connection c, AudioType type) throws SQLException {
        if (type == null) {
            return Sql.list(c, "SELECT " + COLUMNS + " FROM audio ORDER BY id", AudioRepository::row);
        }
        return Sql.list(c, "SELECT " + COLUMNS + " FROM audio WHERE audio_type = ? ORDER BY id",
                AudioRepository::row, type);
    }

    Map<Long, String> names(Connection c, AudioType type) throws SQLException {
        if (type == null) {
            return Sql.names(c, "SELECT id, name FROM audio ORDER BY id");
        }
        return Sql.names(c, "SELECT id, name FROM audio WHERE audio_type = ? ORDER BY id", type);
    }

    /** Temporary files created at or before {@code cutoff}. */
    List<AudioFile> temporary(Connection c, Timestamp cutoff) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM audio WHERE temp = TRUE AND created_at <= ? ORDER BY id",
                AudioRepository::row, cutoff.toInstant());
    }

    boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM audio WHERE id = ?", id) == 1;
    }

    private static AudioFile row(ResultSet rs) throws SQLException {
        return new AudioFile(rs.getLong(1), rs.getString(2), AudioType.valueOf(rs.getString(3)),
                Path.of(rs.getString(4)), rs.getLong(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant());
    }
}
