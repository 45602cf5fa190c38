package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the foreign key from {@code autodial_number} to {@code autodialer}.
 *
 * <p>H2 backs a foreign key with an index on exactly its columns, so V1's inline
 * {@code REFERENCES autodialer (id)} gave the numbers table a sixth index, on
 * {@code autodialer_id} alone, that no query uses (the listing index {@code (autodialer_id, id)}
 * and the claim index start with the same column, but H2 only reuses an index whose columns are
 * exactly the key's), plus a look-up in {@code autodialer} for every row inserted. Every number
 * added paid for both: ADD_NUMBERS of 100,000 numbers wrote six index entries per row where five
 * serve every query.
 *
 * <p>What the key guaranteed still holds without it: numbers are only written by transactions
 * that first lock their autodialer's row ({@code SELECT ... FOR UPDATE}), so the autodialer
 * exists until they commit, and REMOVE takes the same lock and deletes the numbers before the
 * autodialer, in one transaction. {@code call_record} keeps its key: a call that ends after its
 * autodialer was removed must fail to record rather than leave an orphan, and call records arrive
 * one at a time, where the extra index costs little.
 *
 * <p>A Java migration because the inline constraint has a generated name, which differs by
 * database; it is looked up in the standard {@code INFORMATION_SCHEMA}.
 */
public class V4__NumbersWithoutForeignKey extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String> keys = foreignKeys(connection, "autodial_number");
        if (keys.size() != 1) {
            throw new SQLException("expected one foreign key on autodial_number, found " + keys);
        }
        String quote = connection.getMetaData().getIdentifierQuoteString();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE autodial_number DROP CONSTRAINT " + quote + keys.getFirst() + quote);
        }
    }

    private static List<String> foreignKeys(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT constraint_name FROM information_schema.table_constraints "
                + "WHERE LOWER(table_name) = ? AND constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
