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
import org.outdial.api.catalog.DeliveryRoutes;
import org.outdial.api.catalog.ScheduledHandlerRoutes;
import org.outdial.api.config.OutdialConfig;
import org.outdial.api.dashboard.DashboardRoutes;
import org.outdial.api.health.HealthRoutes;
import org.outdial.api.incoming.IncomingWebhookRoutes;
import org.outdial.api.incoming.WebhookTokenRoutes;
import org.outdial.api.incoming.WebhookTokens;
import org.outdial.api.metrics.MetricsRoutes;
import org.outdial.api.metrics.Telemetry;
import org.outdial.api.openapi.OpenApiRoutes;
import org.outdial.api.http.HttpServer;
import org.outdial.api.http.Idempotency;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.api.unitalk.AutodialCatalog;
import org.outdial.api.unitalk.AutodialRoutes;
import org.outdial.api.unitalk.calls.ProjectHistoryRoutes;
import org.outdial.api.unitalk.calls.SingleCallRoutes;
import org.outdial.api.jsonrpc.CallApi;
import org.outdial.engine.history.ProjectHistoryRepository;
import org.outdial.engine.history.ProjectHistoryService;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.DialerModule;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioSynthesis;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CatalogReferences;
import org.outdial.engine.catalog.Catalog;
import org.outdial.engine.operator.OperatorBoard;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.CatalogScriptReferences;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import java.time.Instant;
import org.outdial.engine.dialer.Dialer;
import org.outdial.engine.metrics.CampaignGauges;
import org.outdial.engine.metrics.DeliveryMeters;
import org.outdial.engine.schedule.DialerScheduler;
import org.outdial.engine.schedule.ScheduledWork;
import org.outdial.engine.schedule.SchedulerSettings;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.engine.webhook.Deliverer;
import org.outdial.engine.webhook.Deliveries;
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
    private final Dialing dialing;
    private final DialerScheduler scheduler;
    private final CampaignModule autodialers;
    private final HttpServer http;
    private final OperatorBoard operators;
    private final List<Router.Route> routes;
    private final Deliverer deliverer;
    private final Transactor transactor;
    private final Telemetry telemetry;

    private OutdialServer(Database database, Dialing dialing, DialerScheduler scheduler, CampaignModule autodialers,
                          HttpServer http, OperatorBoard operators, List<Router.Route> routes, Deliverer deliverer,
                          Transactor transactor, Telemetry telemetry) {
        this.transactor = transactor;
        this.telemetry = telemetry;
        this.operators = operators;
        this.routes = routes;
        this.deliverer = deliverer;
        this.database = database;
        this.dialing = dialing;
        this.scheduler = scheduler;
        this.autodialers = autodialers;
        this.http = http;
    }

    public static OutdialServer start(OutdialConfig config) {
        return start(config, InstantSource.system(), List.of());
    }

    /**
     * Starts with {@code clock} for time-dependent logic (rate limits, calling windows) and
     * {@code extraGroups} registered after the product's own, for tests.
     */
    public static OutdialServer start(OutdialConfig config, InstantSource clock, List<RouteGroup> extraGroups) {
        return start(config, clock, extraGroups, Telemetry.prometheus(clock));
    }

    /** As above with {@code telemetry}: {@link Telemetry#off} for the benchmark that measures what metrics cost. */
    public static OutdialServer start(OutdialConfig config, InstantSource clock, List<RouteGroup> extraGroups,
                                      Telemetry telemetry) {
        Database database;
        try {
            database = Database.open(config.storage());
        } catch (RuntimeException e) {
            telemetry.close();
            throw e;
        }
        Dialing dialing = Dialing.none();
        DialerScheduler scheduler = null;
        CampaignModule autodialers = null;
        Deliverer deliverer = null;
        try {
            DataSource ds = database.dataSource();
            Transactor db = new Transactor(ds);
            AudioLibrary audios = new AudioLibrary(ds, clock, Path.of(config.audio().dir()));
            Operators operators = new Operators(ds, clock);
            // Loaded once, before anything dials: the dialer counts into it and GET_LIST reads it.
            AbandonmentLedger ledger = AbandonmentLedger.load(db, config.pacing().abandonment().settings(),
                    clock.instant());
            OperatorBoard board = OperatorBoard.of(operators, clock);
            TtsProfiles ttsProfiles = new TtsProfiles(ds, clock);
            Scenarios scenarios = new Scenarios(ds, clock,
                    config.trunks().stream().map(TrunkSettings::name).collect(Collectors.toSet()));
            VoiceRobots robots = new VoiceRobots(ds, clock, new CatalogScriptReferences(audios, ttsProfiles, operators));
            TriggerActions triggerActions = new TriggerActions(ds, clock);
            BlockedLists blockedLists = new BlockedLists(ds, clock);
            deliverer = Deliverer.start(db, clock, config.webhooks().settings(), triggerActions,
                    DeliveryMeters.over(telemetry.registry()));
            Deliveries deliveries = new Deliveries(ds, clock, deliverer::wake);
            EspeakSynthesizer synthesizer = new EspeakSynthesizer();

            // The scheduler's work reaches the dialer, which is built after it (the dialer sets alarms on
            // the scheduler). A one-element holder breaks the cycle without static state.
            Dialer[] dialerRef = new Dialer[1];
            scheduler = DialerScheduler.start(ds, SchedulerSettings.defaults(), new ScheduledWork() {
                @Override
                public void tick(Instant now) {
                    if (dialerRef[0] != null) {
                        dialerRef[0].tick();
                    }
                }

                @Override
                public void windowEvent(long autodialerId, Instant now) {
                    if (dialerRef[0] != null) {
                        dialerRef[0].changed(autodialerId);
                    }
                }

                @Override
                public void cleanup(Instant now) {
                    int removed = audios.removeTemporary(now);
                    log.info("Nightly cleanup: {} temporary audio files removed", removed);
                }
            });
            DialerScheduler alarms = scheduler;
            dialing = Dialing.start(config, operators::passwordOf, (telephony, settings, threads) -> {
                telephony.onRegistration(board);
                return DialerModule.create(db, clock, telephony,
                        settings, new DialerModule.Catalogue(audios, ttsProfiles, synthesizer, scenarios),
                        new BlockedListsScreen(blockedLists), alarms::scheduleWindowEvent, threads, board, operators,
                        ledger, telemetry.registry());
            }, telemetry.registry());
            telemetry.beforeScrape(new CampaignGauges(telemetry.registry(), db, ledger)::refresh);
            dialerRef[0] = dialing.dialer();

            CampaignModule module = CampaignModule.create(db, clock, ZoneId.systemDefault(),
                    CampaignLimits.SEED,
                    new CatalogReferences(audios, operators, ttsProfiles, scenarios, robots, triggerActions),
                    new BlockedListsScreen(blockedLists), dialing.changes());
            autodialers = module;
            List<RouteGroup> groups = new ArrayList<>(List.of(
                    new HealthRoutes(database, dialing.trunks()),
                    new AutodialRoutes(module,
                            new AutodialCatalog(audios, operators, scenarios, ttsProfiles, robots, triggerActions), clock,
                            dialing.notes(), ledger),
                    new DeliveryRoutes(deliveries), new ScheduledHandlerRoutes(deliveries)));
            groups.addAll(CatalogRoutes.groups(new Catalog(audios,
                    new AudioSynthesis(audios, ttsProfiles, synthesizer), ttsProfiles, operators,
                    board, triggerActions, scenarios, robots, blockedLists), Map.of(
                    // Seed 004 /dictionary: "Predictive Dialing" is UniTalk's name for the guaranteed autodialer.
                    "AUTODIAL_ALL", () -> module.campaigns().names(null),
                    "AUTODIAL_AUTODIALER", () -> module.campaigns().names(CampaignType.AUTODIAL),
                    "AUTODIAL_PREDICTIVE", () -> module.campaigns().names(CampaignType.GUARANTEED_DIAL),
                    "AUTODIAL_ROBOT", () -> module.campaigns().names(CampaignType.VOICE_ROBOT))));
            WebhookTokens webhookTokens = new WebhookTokens(ds);
            groups.add(new WebhookTokenRoutes(webhookTokens, clock));
            groups.add(new IncomingWebhookRoutes(webhookTokens, module));
            groups.add(OpenApiRoutes.load());
            groups.add(new MetricsRoutes(telemetry, config.metrics().requireKey()));
            Dialing wired = dialing;
            // Issue 13: the single-call routes over the engine's one single-call operation, and the
            // project-wide history every call (autodialers' and single) is recorded in.
            groups.add(new SingleCallRoutes(wired::singleCalls, wired::dialer));
            // The JSON-RPC 2.0 Call API v4.0 (seeds 000, 001) over the same single calls.
            groups.add(CallApi.create(config.jsonRpc(), new ApiKeys(ds), clock, wired::singleCalls, audios, ttsProfiles));
            groups.add(new ProjectHistoryRoutes(new ProjectHistoryService(db, new ProjectHistoryRepository(),
                    ZoneId.systemDefault())));
            groups.add(DashboardRoutes.create(module, wired::dialer, wired.trunks(), config.trunks(), board,
                    deliveries::backlog, clock));
            groups.addAll(extraGroups);
            Router router = new Router();
            groups.forEach(group -> group.register(router));
            log.debug("Routes: {}", router.describe());

            ApiKeyGate gate = new ApiKeyGate(new ApiKeys(ds), new RateLimiter(config.api().rateLimit()), clock);
            HttpServer http = HttpServer.start(new HttpServer.Settings(config.http().bindAddress(),
                    config.http().port(), config.api().maxBodyBytes()), router, gate, telemetry,
                    Idempotency.over(ds, clock));
            if (dialing.dialer() != null) {
                dialing.dialer().tick(); // picks up autodialers that were running before a restart
            }
            return new OutdialServer(database, dialing, scheduler, autodialers, http, board, router.routes(), deliverer,
                    db, telemetry);
        } catch (RuntimeException e) {
            if (deliverer != null) {
                deliverer.close();
            }
            if (autodialers != null) {
                autodialers.close();
            }
            dialing.close();
            if (scheduler != null) {
                scheduler.close();
            }
            database.close();
            telemetry.close();
            throw e;
        }
    }

    /** The HTTP port actually bound. */
    public int port() {
        return http.port();
    }

    /**
     * Every route the server serves, test groups included: what the OpenAPI document
     * ({@code openapi.yaml}, {@code GET /openapi.json}) must describe.
     */
    public List<Router.Route> routes() {
        return routes;
    }

    public Database database() {
        return database;
    }

    /**
     * The transactor the dialer, the autodialer services and the deliverer share (one group commit
     * for all of them), for benchmarks that write as the dialer does.
     */
    public Transactor transactor() {
        return transactor;
    }

    /** The node's webhook deliverer. */
    public Deliverer deliverer() {
        return deliverer;
    }

    /** The dialer, or null when no trunk is configured. */
    /** The engine's single calls, or null when no trunk is configured. */
    public org.outdial.engine.call.SingleCalls singleCalls() {
        return dialing.singleCalls();
    }

    public Dialer dialer() {
        return dialing.dialer();
    }

    /** The one owner of operators' availability, for reading their states (the demo's progress line, the dashboard). */
    public OperatorBoard operators() {
        return operators;
    }

    /**
     * Stops taking requests and lets running ones finish, stops the dialer (calls in flight are
     * hung up; their numbers are resolved at the next start), then closes the database. Idempotent.
     */
    @Override
    public void close() {
        try {
            http.close();
        } finally {
            try {
                scheduler.close();
            } finally {
                try {
                    autodialers.close();
                } finally {
                    try {
                        dialing.close();
                    } finally {
                        try {
                            deliverer.close();
                        } finally {
                            try {
                                database.close();
                            } finally {
                                telemetry.close();
                            }
                        }
                    }
                }
            }
        }
    }

}
