package org.outdial.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;

class QuartzMigrationTest {

    static final Set<String> QUARTZ_TABLES = Set.of("QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS", "QRTZ_CRON_TRIGGERS",
            "QRTZ_FIRED_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_LOCKS", "QRTZ_PAUSED_TRIGGER_GRPS",
            "QRTZ_SCHEDULER_STATE", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_TRIGGERS");

    @Test
    void theMigrationCreatesQuartzTablesOnH2() throws SQLException {
        try (Database database = Database.open(StorageSettings.h2Memory("quartz-migration"))) {
            assertEquals(new TreeSet<>(QUARTZ_TABLES), quartzTables(database.dataSource()));
            assertEquals("Quartz", migrationDescription(database.dataSource(), "2"));
        }
    }

    static Set<String> quartzTables(DataSource dataSource) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT);
                if (table.startsWith("QRTZ_")) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    static String migrationDescription(DataSource dataSource, String version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "SELECT \"description\" FROM \"flyway_schema_history\" WHERE \"version\" = ?")) {
            statement.setString(1, version);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
