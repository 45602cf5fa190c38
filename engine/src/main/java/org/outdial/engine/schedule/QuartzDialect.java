package org.outdial.engine.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;

/**
 * The databases Quartz's JDBC job store runs on here: which of Quartz's own DDL scripts creates
 * its tables, and which driver delegate reads them.
 */
public enum QuartzDialect {

    /** Quartz's H2 script names {@code StdJDBCDelegate} as the delegate to use with it. */
    H2("H2", "tables_h2.sql", StdJDBCDelegate.class.getName()),
    /** BYTEA columns need the PostgreSQL delegate's blob handling. */
    POSTGRESQL("PostgreSQL", "tables_postgres.sql", PostgreSQLDelegate.class.getName());

    private static final String SCRIPT_FOLDER = "org/quartz/impl/jdbcjobstore/";

    private final String productName;
    private final String script;
    private final String delegateClass;

    QuartzDialect(String productName, String script, String delegateClass) {
        this.productName = productName;
        this.script = script;
        this.delegateClass = delegateClass;
    }

    /** The dialect of the database {@code connection} is connected to. */
    public static QuartzDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        for (QuartzDialect dialect : values()) {
            if (dialect.productName.equalsIgnoreCase(product)) {
                return dialect;
            }
        }
        throw new SQLException("Quartz tables are set up for H2 and PostgreSQL only, this database is " + product);
    }

    /** Classpath resource, inside the Quartz jar, of the DDL that creates the {@code QRTZ_} tables. */
    public String schemaResource() {
        return SCRIPT_FOLDER + script;
    }

    /** Value of {@code org.quartz.jobStore.driverDelegateClass}. */
    public String delegateClass() {
        return delegateClass;
    }
}
