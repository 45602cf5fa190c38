package org.outdial.engine.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.number.NumberData;
import org.outdial.engine.number.NumberExpander;
import org.outdial.engine.number.NumberIntake;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.NumberWriter;
import org.outdial.engine.number.NumbersHandler;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.storage.Transactor;

/**
 * The autodialer actions of the seed's {@code /autodial/action}: ADD, UPDATE, REMOVE, REFRESH,
 * CANCEL, PAUSE, UNPAUSE, and the reads behind GET_LIST and GET_WITH_DATA. Each action is one
 * transaction; a refused one writes nothing.
 */
public final class CampaignService {

    /** Seed 004, REFRESH: "Try again later" when the previous one was less than a minute ago. */
    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);

    private final Transactor db;
    private final InstantSource clock;
    private final CampaignValidator validator;
    private final CampaignLimits limits;
    private final CampaignRepository campaigns;
    private final NumberRepository numbers;
    private final StateCounts counts;
    private final StatusTransitions transitions;
    private final NumberIntake intake;
    private final NumberWriter writer;
    private final NumberExpander expander;
    private final NumbersHandler handler;
    private final CampaignChanges changes;

    public CampaignService(CampaignStore store, CampaignValidator validator) {
        this.db = store.db();
        this.clock = store.clock();
        this.validator = validator;
        this.limits = store.limits();
        this.campaigns = store.campaigns();
        this.numbers = store.numbers();
        this.counts = store.counts();
        this.transitions = store.transitions();
        this.intake = store.intake();
        this.writer = store.writer();
        this.expander = store.expander();
        this.handler = store.handler();
        this.changes = store.changes();
    }

    /** ADD: creates the autodialer (and adds its numbers when given); returns its id. */
    public long add(CampaignDraft task) {
        if (task == null) {
            throw EngineException.invalid("task is null");
        }
        String name = CampaignValidator.name(task.name());
        CampaignType type = CampaignValidator.type(task.autodialerType());
        CampaignMode mode = CampaignValidator.mode(task.autodialerMode());
        CampaignSettings settings = validator.settings(task, type, mode);
        boolean withNumbers = task.numbers() != null && !task.numbers().isEmpty();
        List<NumberData> accepted = withNumbers
                ? intake.accept(type, task.numbers(), null, limits.maxAddNumbers()).numbers() : List.of();
        long id = withNumbers ? handler.exclusively(() -> {
            long created = insert(name, type, mode, settings, accepted, task);
            expander.expand(created);
            return created;
        }) : insert(name, type, mode, settings, accepted, task);
        changes.changed(id);
        return id;
    }

    private long insert(String name, CampaignType type, CampaignMode mode, CampaignSettings settings,
                        List<NumberData> accepted, CampaignDraft task) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            if (campaigns.nameTaken(c, name, -1)) {
                throw EngineException.conflict("Name already present");
            }
            if (campaigns.count(c) >= limits.maxTasks()) {
                throw EngineException.conflict("Tasks limit exceeded");
            }
            long id = campaigns.insert(c, name, type, mode, CampaignStatus.NO_NUMBERS, settings, now);
            counts.create(c, id);
            if (!accepted.isEmpty()) {
                Campaign created = campaigns.find(c, id).orElseThrow();
                writer.write(c, created, accepted, Boolean.TRUE.equals(task.highPriority()), false,
                        limits.maxNumbersPerTask(), now);
            }
            return id;
        });
    }

    /** UPDATE: replaces the configuration; the type cannot change, numbers are ignored. */
    public void update(CampaignDraft task) {
        if (task == null) {
            throw EngineException.invalid("task is null");
        }
        long id = task.id() == null ? 0 : task.id();
        Campaign current = db.read(c -> campaigns.find(c, id)).orElseThrow(CampaignService::notFound);
        String name = CampaignValidator.name(task.name());
        CampaignMode mode = CampaignValidator.mode(task.autodialerMode());
        CampaignSettings settings = validator.settings(task, current.type(), mode);
        db.inTransaction(c -> {
            campaigns.lock(c, id).orElseThrow(CampaignService::notFound);
            if (campaigns.nameTaken(c, name, id)) {
                throw EngineException.conflict("Name already present");
            }
            campaigns.update(c, id, name, mode, settings);
            return null;
        });
        changes.changed(id);
    }

    /** REMOVE: deletes the autodialer with its numbers and call history. */
    public void remove(long id) {
        handler.exclusively(() -> {
            expander.awaitExpanded(id);
            return db.inTransaction(c -> {
                campaigns.lock(c, id).orElseThrow(CampaignService::notFound);
                expander.awaitExpanded(c, id);
                numbers.deleteAll(c, id);
                campaigns.delete(c, id);
                return null;
            });
        });
        changes.changed(id);
    }

    public void pause(long id) {
        command(id, CampaignEvent.PAUSE);
    }

    public void unpause(long id) {
        command(id, CampaignEvent.UNPAUSE);
    }

    /**
     * CANCEL: no new calls; numbers never called become CANCEL and pending retries are dropped.
     * The status is CANCELED while calls are still in flight and FINISHED once none is.
     */
    public void cancel(long id) {
        expander.awaitExpanded(id);
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Campaign campaign = campaigns.lock(c, id).orElseThrow(CampaignService::notFound);
            expander.awaitExpanded(c, id); // numbers never called become CANCEL: all of them
            CampaignStatus status = transitions.apply(c, campaign, CampaignEvent.CANCEL, now);
            if (status == CampaignStatus.CANCELED) {
                long marked = numbers.closeRemaining(c, id, NumberState.CANCEL, now);
                counts.move(c, id, NumberState.NEW, NumberState.CANCEL, marked);
                if (counts.of(c, id).get(NumberState.DIALING) == 0) {
                    Campaign canceled = campaigns.find(c, id).orElseThrow();
                    transitions.apply(c, canceled, CampaignEvent.COMPLETED, now);
                }
            }
            return null;
        });
        changes.changed(id);
    }

    /** REFRESH: numbers in {@code states} go back to NEW; at most once a minute per autodialer. */
    public void refresh(long id, Collection<String> stateNames) {
        expander.awaitExpanded(id); // before the lock, so a dialer claim does not wait behind it
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Campaign campaign = campaigns.lock(c, id).orElseThrow(CampaignService::notFound);
            if (stateNames == null || stateNames.isEmpty()) {
                throw EngineException.invalid("states is null or empty");
            }
            Set<NumberState> states = java.util.EnumSet.noneOf(NumberState.class);
            for (String name : stateNames) {
                NumberState state = NumberState.parse(name);
                if (state == null || !state.refreshable()) {
                    throw EngineException.invalid("state is not allowed");
                }
                states.add(state);
            }
            if (campaign.lastRefreshAt() != null
                    && campaign.lastRefreshAt().plus(REFRESH_INTERVAL).isAfter(now)) {
                throw EngineException.busy("Try again later");
            }
            expander.awaitExpanded(c, id);
            EnumMap<NumberState, Long> moved = numbers.refreshStates(c, id, states);
            if (moved.isEmpty()) {
                throw EngineException.notFound("Numbers not found by states");
            }
            EnumMap<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
            long total = 0;
            for (Map.Entry<NumberState, Long> entry : moved.entrySet()) {
                deltas.put(entry.getKey(), -entry.getValue());
                total += entry.getValue();
            }
            deltas.merge(NumberState.NEW, total, Long::sum);
            counts.adjust(c, id, deltas);
            campaigns.markRefreshed(c, id, now);
            transitions.apply(c, campaign, CampaignEvent.NUMBERS_REFRESHED, now);
            return null;
        });
        changes.changed(id);
    }

    public List<CampaignView> list() {
        return db.read(c -> {
            Map<Long, EnumMap<NumberState, Long>> all = counts.all(c);
            List<CampaignView> views = new ArrayList<>();
            for (Campaign campaign : campaigns.list(c)) {
                EnumMap<NumberState, Long> stateCounts = all.getOrDefault(campaign.id(), new EnumMap<>(NumberState.class));
                long repeats = numbers.repeatPending(c, campaign.id());
                views.add(new CampaignView(campaign, CampaignStatistics.of(stateCounts, repeats, campaign.callsDoneCount())));
            }
            return views;
        });
    }

    /** Whether autodialer {@code id} exists, without reading its statistics (a facade's early check). */
    public boolean exists(long id) {
        return db.read(c -> campaigns.find(c, id)).isPresent();
    }

    public CampaignView view(long id) {
        return db.read(c -> {
            Campaign campaign = campaigns.find(c, id).orElseThrow(CampaignService::notFound);
            return new CampaignView(campaign, CampaignStatistics.of(counts.of(c, id),
                    numbers.repeatPending(c, id), campaign.callsDoneCount()));
        });
    }

    /** Id → name of the autodialers of {@code type} (all when null), for /dictionary. */
    public java.util.Map<Long, String> names(CampaignType type) {
        java.util.Map<Long, String> names = new java.util.LinkedHashMap<>();
        for (Campaign campaign : db.read(campaigns::list)) {
            if (type == null || campaign.type() == type) {
                names.put(campaign.id(), campaign.name());
            }
        }
        return names;
    }

    public CampaignLimits limits() {
        return limits;
    }

    private void command(long id, CampaignEvent event) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Campaign campaign = campaigns.lock(c, id).orElseThrow(CampaignService::notFound);
            return transitions.apply(c, campaign, event, now);
        });
        changes.changed(id);
    }

    static EngineException notFound() {
        return EngineException.notFound("Task not found");
    }
}
