package org.outdial.api.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.outdial.api.http.Access;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/health}: no key needed, 200 when the database answers, 503 when it does not. */
public final class HealthRoutes implements RouteGroup {

    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);
    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final Database database;

    public HealthRoutes(Database database) {
        this.database = database;
    }

    @Override
    public void register(Router router) {
        router.get("/api/health", Access.PUBLIC, this::health);
    }

    Response health(Request request) {
        if (!databaseReachable()) {
            throw new HttpException(503, "Database unreachable");
        }
        return Response.data(Map.of("database", "UP"));
    }

    private boolean databaseReachable() {
        try (Connection connection = database.dataSource().getConnection()) {
            return connection.isValid(DATABASE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            log.warn("Health check: database unreachable: {}", e.getMessage());
            return false;
        }
    }
}
