package org.outdial.engine.audio;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code audio}. */
final class AudioRepository {

    private static final String COLUMNS = "id, name, audio_type, file_path, duration_ms, temp, created_at";

    long insert(Connection c, AudioFile a) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO audio (name, audio_type, file_path, duration_ms, temp, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, a.name());
            st.setString(2, a.type().name());
            st.setString(3, a.path().toString());
            st.setLong(4, a.durationMs());
            st.setBoolean(5, a.temp());
            st.setTimestamp(6, Timestamp.from(a.createdAt()));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean nameTaken(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM audio WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    Optional<AudioFile> find(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM audio WHERE id = ?")) {
            st.setLong(1, id);
            List<AudioFile> rows = rows(st);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
        }
    }

    /** By id; every type when {@code type} is null. */
    List<AudioFile> list(Connection c, AudioType type) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM audio" + (type == null ? "" : " WHERE audio_type = ?") + " ORDER BY id";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (type != null) {
                st.setString(1, type.name());
            }
            return rows(st);
        }
    }

    Map<Long, String> names(Connection c, AudioType type) throws SQLException {
        String sql = "SELECT id, name FROM audio" + (type == null ? "" : " WHERE audio_type = ?") + " ORDER BY id";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (type != null) {
                st.setString(1, type.name());
            }
            try (ResultSet rs = st.executeQuery()) {
                Map<Long, String> out = new LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
                return out;
            }
        }
    }

    /** Temporary files created at or before {@code cutoff}. */
    List<AudioFile> temporary(Connection c, Timestamp cutoff) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM audio WHERE temp = TRUE AND created_at <= ? ORDER BY id")) {
            st.setTimestamp(1, cutoff);
            return rows(st);
        }
    }

    boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM audio WHERE id = ?")) {
            st.setLong(1, id);
            return st.executeUpdate() == 1;
        }
    }

    private static List<AudioFile> rows(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            List<AudioFile> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new AudioFile(rs.getLong(1), rs.getString(2), AudioType.valueOf(rs.getString(3)),
                        Path.of(rs.getString(4)), rs.getLong(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant()));
            }
            return out;
        }
    }
}
