package org.outdial.engine.tts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code tts_profile}. */
final class TtsProfileRepository {

    long insert(Connection c, TtsProfile p, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO tts_profile (name, voice, speed, pitch, created_at) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, p.name());
            st.setString(2, p.voice());
            st.setInt(3, p.speed());
            st.setInt(4, p.pitch());
            st.setTimestamp(5, Timestamp.from(now));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean update(Connection c, TtsProfile p) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE tts_profile SET name = ?, voice = ?, speed = ?, pitch = ? WHERE id = ?")) {
            st.setString(1, p.name());
            st.setString(2, p.voice());
            st.setInt(3, p.speed());
            st.setInt(4, p.pitch());
            st.setLong(5, p.id());
            return st.executeUpdate() == 1;
        }
    }

    boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM tts_profile WHERE id = ?")) {
            st.setLong(1, id);
            return st.executeUpdate() == 1;
        }
    }

    boolean nameTaken(Connection c, String name, long exceptId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM tts_profile WHERE name = ? AND id <> ?")) {
            st.setString(1, name);
            st.setLong(2, exceptId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    Optional<TtsProfile> find(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, name, voice, speed, pitch FROM tts_profile WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    List<TtsProfile> list(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, name, voice, speed, pitch FROM tts_profile ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            List<TtsProfile> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    private static TtsProfile row(ResultSet rs) throws SQLException {
        return new TtsProfile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5));
    }
}
