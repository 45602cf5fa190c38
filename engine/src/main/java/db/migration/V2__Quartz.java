package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.outdial.engine.schedule.QuartzDialect;

/**
 * Quartz's JDBC job store tables ({@code QRTZ_*}), created by the DDL script that ships inside the
 * Quartz jar for the connected database (H2 or PostgreSQL), so the schema is always the one the
 * Quartz on the classpath expects and is not copied into this repository.
 *
 * <p>The scripts are written to be run by hand: they start with {@code DROP TABLE} and end with
 * {@code COMMIT}. Both are left out here: a migration creates, and Flyway owns the transaction.
 */
public class V2__Quartz extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        QuartzDialect dialect = QuartzDialect.of(connection);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(dialect.schemaResource()))) {
                statement.execute(sql);
            }
        }
    }

    /** The script's statements, without comments, {@code DROP}s and {@code COMMIT}. */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\\R")) {
            // The scripts have no string literals, so "--" always starts a comment.
            int comment = line.indexOf("--");
            code.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String part : code.toString().split(";")) {
            String sql = part.strip();
            String verb = sql.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (!sql.isEmpty() && !verb.equals("DROP") && !verb.equals("COMMIT")) {
                statements.add(sql);
            }
        }
        return statements;
    }

    private static String read(String resource) throws IOException, SQLException {
        try (InputStream in = QuartzDialect.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SQLException("Quartz's DDL " + resource + " is not on the classpath; is the Quartz jar?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
