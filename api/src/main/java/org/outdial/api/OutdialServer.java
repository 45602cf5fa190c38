package org.outdial.api;

import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.outdial.api.auth.ApiKeyGate;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimiter;
import org.outdial.api.catalog.CatalogRoutes;
import org.outdial.api.config.OutdialConfig;
import org.outdial.api.health.HealthRoutes;
import org.outdial.api.http.HttpServer;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.api.unitalk.AutodialCatalog;
import org.outdial.api.unitalk.AutodialRoutes;
import org.outdial.engine.AutodialerModule;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioSynthesis;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CatalogReferences;
import org.outdial.engine.catalog.Catalog;
import org.outdial.engine.operator.LinePresence;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.tts.EspeakSynthesizer;
import org.outdial.sip.trunk.TrunkSettings;
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
        DataSource ds = database.dataSource();
        AudioLibrary audios = new AudioLibrary(ds, clock, Path.of(config.audio().dir()));
        Operators operators = new Operators(ds, clock);
        TtsProfiles ttsProfiles = new TtsProfiles(ds, clock);
        Scenarios scenarios = new Scenarios(ds, clock,
                config.trunks().stream().map(TrunkSettings::name).collect(Collectors.toSet()));
        VoiceRobots robots = new VoiceRobots(ds, clock);
        TriggerActions triggerActions = new TriggerActions(ds, clock);
        BlockedLists blockedLists = new BlockedLists(ds, clock);
        AutodialerModule autodialers = AutodialerModule.create(new Transactor(ds), clock, ZoneId.systemDefault(),
                CampaignLimits.SEED,
                new CatalogReferences(audios, operators, ttsProfiles, scenarios, robots, triggerActions),
                new BlockedListsScreen(blockedLists), CampaignChanges.none());
        List<RouteGroup> groups = new ArrayList<>(List.of(
                new HealthRoutes(database),
                new AutodialRoutes(autodialers,
                        new AutodialCatalog(audios, operators, scenarios, ttsProfiles, robots, triggerActions), clock)));
        groups.addAll(CatalogRoutes.groups(new Catalog(audios,
                new AudioSynthesis(audios, ttsProfiles, new EspeakSynthesizer()), ttsProfiles, operators,
                LinePresence.offline(), triggerActions, scenarios, robots, blockedLists), Map.of()));
        return groups;
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
