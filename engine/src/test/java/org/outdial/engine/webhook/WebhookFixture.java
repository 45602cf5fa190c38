package org.outdial.engine.webhook;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.outdial.engine.metrics.DeliveryMeters;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignDrafts;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CatalogReferences;
import org.outdial.engine.dialer.CallResult;
import org.outdial.engine.dialer.DialerStorage;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberDraft;
import org.outdial.engine.number.NumberService;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.Sql;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.trigger.BodyType;
import org.outdial.engine.trigger.HttpMethod;
import org.outdial.engine.trigger.TriggerAction;
import org.outdial.engine.trigger.TriggerActionType;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;

/**
 * An engine on an H2 file with the real autodialer services, handlers and deliverer; events come
 * from the real recorder (call completions) and status transitions. {@link #restart} opens a new
 * instance on the same file, as a node that was killed and started again.
 */
final class WebhookFixture implements AutoCloseable {

    static final WebhookSettings FAST = new WebhookSettings(Duration.ofSeconds(1),
            List.of(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(200)), true, Duration.ofMillis(20),
            "myproject");

    private final StorageSettings storage;
    private final WebhookSettings settings;
    Database database;
    Transactor db;
    CampaignModule module;
    TriggerActions handlers;
    Deliverer deliverer;
    Deliveries deliveries;
    /** What the deliverer's meters counted (DeliveryMeters), across restarts. */
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    WebhookFixture(WebhookSettings settings) throws Exception {
        this(StorageSettings.h2File(Files.createTempDirectory("webhooks").toString()), settings);
    }

    /** On {@code storage}: an H2 file or a PostgreSQL database. */
    WebhookFixture(StorageSettings storage, WebhookSettings settings) {
        this.storage = storage;
        this.settings = settings;
        open();
    }

    private void open() {
        InstantSource clock = InstantSource.system();
        database = Database.open(storage);
        db = new Transactor(database.dataSource());
        var ds = database.dataSource();
        handlers = new TriggerActions(ds, clock);
        try {
            module = CampaignModule.create(db, clock, ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                    new CatalogReferences(new AudioLibrary(ds, clock, Files.createTempDirectory("webhook-audio")),
                            new Operators(ds, clock), new TtsProfiles(ds, clock), new Scenarios(ds, clock, Set.of("t")),
                            new VoiceRobots(ds, clock), handlers),
                    new BlockedListsScreen(new BlockedLists(ds, clock)), CampaignChanges.none());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        deliverer = Deliverer.start(db, clock, settings, handlers, DeliveryMeters.over(registry));
        deliveries = new Deliveries(ds, clock, deliverer::wake);
    }

    /** Stops this instance (the deliverer drops what it has in flight) and starts a new one on the same file. */
    void restart() {
        closeAll();
        open();
    }

    long webhook(String name, String url, HttpMethod method, BodyType bodyType, String body) {
        return handlers.add(new TriggerAction(0, name, TriggerActionType.WEBHOOK, url, method, Map.of("X-Token", "abc"),
                bodyType, body));
    }

    long standardJson(String name, String url) {
        return webhook(name, url, HttpMethod.POST, BodyType.STANDARD_JSON, null);
    }

    /** An AUTODIAL autodialer named {@code name} binding {@code bindings}, with numbers that have names and notes. */
    long autodialer(String name, Map<TriggerEvent, List<Long>> bindings, String... phones) {
        long id = module.campaigns().add(CampaignDrafts.autodial().name(name).triggerActions(bindings).build());
        List<NumberDraft> numbers = new ArrayList<>();
        for (String phone : phones) {
            numbers.add(new NumberDraft(phone, "Name " + phone, "note for " + phone, null, null, null));
        }
        module.numbers().add(id, new NumberService.AddRequest(null, numbers, false, false));
        return id;
    }

    /** The number's call as the dialer records it: claimed (DIALING), then ended in {@code state}. */
    void call(long campaign, String phone, NumberState state, String operator) {
        AutodialNumber n = module.numbers().get(campaign, phone);
        DialerStorage storage = DialerStorage.over(db);
        db.inTransaction(c -> {
            Sql.update(c, "UPDATE autodial_number SET state = 'DIALING' WHERE id = ?", n.id());
            storage.counts().move(c, campaign, n.state(), NumberState.DIALING, 1);
            return null;
        });
        CallResult result = new CallResult(campaign, n, state, 200, 16, "callee", 3, 3, 20, Instant.now(), null,
                operator == null ? null : new CallResult.OperatorLeg(operator, 1, 10, 2, 25, null, false));
        db.inTransaction(c -> storage.recorder().record(c, result, null));
    }

    Delivery only(long handler) {
        List<Delivery> list = deliveries.list(handler, null, null, 0, 10);
        if (list.size() != 1) {
            throw new AssertionError("expected one delivery of handler " + handler + ", have " + list);
        }
        return list.getFirst();
    }

    private void closeAll() {
        deliverer.close();
        module.close();
        database.close();
    }

    @Override
    public void close() {
        closeAll();
    }
}
