package org.outdial.api.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.outdial.api.http.Access;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.dialer.Dispatcher;
import org.outdial.engine.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/health}: no key needed, 200 when the database answers, 503 when it does not; with
 * trunks configured, each trunk's health too (a trunk down is reported, and still 200: the server
 * itself is fine, and its campaigns wait for the trunk).
 */
public final class HealthRoutes implements RouteGroup {

    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);
    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final Database database;
    private final Supplier<List<Dispatcher.TrunkHealth>> trunks;

    public HealthRoutes(Database database, Supplier<List<Dispatcher.TrunkHealth>> trunks) {
        this.database = database;
        this.trunks = trunks;
    }

    @Override
    public void register(Router router) {
        router.get("/api/health", Access.PUBLIC, this::health);
    }

    Response health(Request request) {
        if (!databaseReachable()) {
            throw new HttpException(503, "Database unreachable");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("database", "UP");
        List<Dispatcher.TrunkHealth> health = trunks.get();
        if (!health.isEmpty()) {
            data.put("trunks", health.stream().map(HealthRoutes::trunk).toList());
        }
        return Response.data(data);
    }

    private static Map<String, Object> trunk(Dispatcher.TrunkHealth t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", t.name());
        json.put("status", t.up() ? "UP" : "DOWN");
        if (!t.up()) {
            json.put("downSince", t.downSince().toString());
        }
        json.put("callsInFlight", t.inFlight());
        return json;
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
