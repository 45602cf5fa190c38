package org.outdial.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The numbers table carries exactly the indexes its queries use and no hidden one, because every
 * index is written for every number added (V4 dropped its foreign key, whose index H2 kept apart).
 * Call records keep theirs.
 */
class SchemaIndexesTest {

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(StorageSettings.h2Memory("schema-" + UUID.randomUUID()));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void numbersHaveOnlyTheirQueryIndexes() throws SQLException {
        assertEquals(Set.of("PRIMARY KEY", "AUTODIAL_NUMBER_PHONE", "AUTODIAL_NUMBER_CLAIM", "AUTODIAL_NUMBER_LIST",
                "AUTODIAL_NUMBER_RETRY"), indexes("AUTODIAL_NUMBER"));
    }

    @Test
    void callRecordsStillNeedTheirAutodialerAndGoWithIt() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.execute("INSERT INTO call_record (autodialer_id, phone, state, "
                    + "call_end_time, called_count, real_called_count, rid) "
                    + "VALUES (999, '380501112233', 'BUSY', CURRENT_TIMESTAMP, 1, 1, 1)"));
            s.execute("INSERT INTO autodialer (id, name, autodialer_type, autodialer_mode, status, status_changed_at, "
                    + "settings, created_at) VALUES (1, 'a', 'AUTODIAL', 'FIXED', 'WAITING', CURRENT_TIMESTAMP, '{}', "
                    + "CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO call_record (autodialer_id, phone, state, call_end_time, called_count, real_called_count, rid) "
                    + "VALUES (1, '380501112233', 'BUSY', CURRENT_TIMESTAMP, 1, 1, 1)");
            s.execute("DELETE FROM autodialer WHERE id = 1");
            assertEquals(0, count(s, "call_record"));
        }
    }

    /** Index names, with the primary key's generated name replaced by its type. */
    private Set<String> indexes(String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT index_name, index_type_name FROM information_schema.indexes "
                     + "WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    // H2 suffixes the name of a constraint's index ("AUTODIAL_NUMBER_PHONE_INDEX_4").
                    names.add(type.equals("PRIMARY KEY") ? type : rs.getString(1).replaceFirst("_INDEX_\\w+$", ""));
                }
            }
        }
        return names;
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
