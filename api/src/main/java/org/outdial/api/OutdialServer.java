package org.outdial.api;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.outdial.api.auth.ApiKeyGate;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimiter;
import org.outdial.api.config.OutdialConfig;
import org.outdial.api.health.HealthRoutes;
import org.outdial.api.http.HttpServer;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds everything from an {@link OutdialConfig} (database, services,
 * route groups, the HTTP server) and closes it in reverse order. The only place that creates a
 * real clock.
 */
public final class OutdialServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutdialServer.class);

    private final Database database;
    private final HttpServer http;

    private OutdialServer(Database database, HttpServer http) {
        this.database = database;
        this.http = http;
    }

    public static OutdialServer start(OutdialConfig config) {
        return start(config, InstantSource.system(), List.of());
    }

    /**
     * Starts with {@code clock} for time-dependent logic (rate limits) and {@code extraGroups}
     * registered after the product's own, for tests.
     */
    public static OutdialServer start(OutdialConfig config, InstantSource clock, List<RouteGroup> extraGroups) {
        Database database = Database.open(config.storage());
        try {
            List<RouteGroup> groups = new ArrayList<>(routeGroups(config, database, clock));
            groups.addAll(extraGroups);
            Router router = new Router();
            groups.forEach(group -> group.register(router));
            log.debug("Routes: {}", router.describe());

            ApiKeyGate gate = new ApiKeyGate(new ApiKeys(database.dataSource()),
                    new RateLimiter(config.api().rateLimit()), clock);
            HttpServer http = HttpServer.start(new HttpServer.Settings(config.http().bindAddress(),
                    config.http().port(), config.api().maxBodyBytes()), router, gate);
            return new OutdialServer(database, http);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Every route group of the product. Add new groups here. */
    private static List<RouteGroup> routeGroups(OutdialConfig config, Database database, InstantSource clock) {
        return List.of(
                new HealthRoutes(database));
    }

    /** The HTTP port actually bound. */
    public int port() {
        return http.port();
    }

    public Database database() {
        return database;
    }

    /** Stops taking requests, lets running ones finish, then closes the database. Idempotent. */
    @Override
    public void close() {
        try {
            http.close();
        } finally {
            database.close();
        }
    }
}
