package org.outdial.api.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.campaign.CampaignView;
import org.outdial.engine.dialer.CallFigures;
import org.outdial.engine.dialer.Dialer;
import org.outdial.engine.dialer.Dispatcher;
import org.outdial.engine.history.CallHistoryService;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.operator.OperatorBoard;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * {@code GET /dashboard/api/overview}: what the dashboard shows beside GET_LIST (which it reads
 * for each campaign's status, per-state counts and abandonment), read from the engine's owners:
 * each campaign's calls in flight and {@link CallFigures} (rate, ASR, ACD, post-dial delay, the
 * hour's per-minute calls), the trunks' use against their limits, the newest calls, the operators
 * board. A facade: it decides nothing, it only shapes what the owners say.
 */
final class DashboardOverview {

    /** Newest calls shown, across campaigns. */
    static final int RECENT_CALLS = 20;

    private final CampaignModule autodialers;
    private final Supplier<Dialer> dialer;
    private final Supplier<List<Dispatcher.TrunkHealth>> trunks;
    private final Map<String, TrunkSettings> trunkSettings = new LinkedHashMap<>();
    private final OperatorBoard operators;
    private final LongSupplier webhookBacklog;
    private final InstantSource clock;

    /**
     * @param dialer the dialer, or a supplier of null when no trunk is configured (no call is made)
     */
    DashboardOverview(CampaignModule autodialers, Supplier<Dialer> dialer,
                      Supplier<List<Dispatcher.TrunkHealth>> trunks, List<TrunkSettings> trunkSettings,
                      OperatorBoard operators, LongSupplier webhookBacklog, InstantSource clock) {
        this.autodialers = autodialers;
        this.dialer = dialer;
        this.trunks = trunks;
        trunkSettings.forEach(t -> this.trunkSettings.put(t.name(), t));
        this.operators = operators;
        this.webhookBacklog = webhookBacklog;
        this.clock = clock;
    }

    Map<String, Object> now() {
        Instant now = clock.instant();
        List<CampaignView> campaigns = autodialers.campaigns().list();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", now.toEpochMilli());
        json.put("campaigns", campaigns(campaigns, now));
        json.put("chart", chart(now));
        json.put("trunks", trunks());
        json.put("recentCalls", recentCalls(campaigns));
        json.put("operators", operators(now));
        json.put("webhooks", webhooks());
        return json;
    }

    private Map<String, Object> campaigns(List<CampaignView> campaigns, Instant now) {
        Dialer d = dialer.get();
        Map<String, Object> byId = new LinkedHashMap<>();
        for (CampaignView view : campaigns) {
            long id = view.campaign().id();
            CallFigures.Figures f = d == null ? CallFigures.Figures.NONE : d.figures().of(id, now);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("callsInFlight", d == null ? 0 : d.inFlight(id));
            json.put("callsPerMinute", f.callsPerMinute());
            json.put("endedLastHour", f.ended());
            json.put("answeredLastHour", f.answered());
            json.put("asr", f.asr());
            json.put("acdSeconds", seconds(f.acd()));
            json.put("postDialDelayMillis", f.postDialDelay() == null ? null : f.postDialDelay().toMillis());
            json.put("perMinute", f.perMinute());
            byId.put(Long.toString(id), json);
        }
        return byId;
    }

    /** The x axis of the per-minute series: the end of each minute, epoch seconds, the last one now's slot end. */
    private static Map<String, Object> chart(Instant now) {
        long slot = CallFigures.SLOT.toSeconds();
        long end = Math.floorDiv(now.getEpochSecond(), slot) * slot + slot;
        int minutes = CallFigures.Figures.NONE.perMinute().size();
        List<Long> ends = new ArrayList<>(minutes);
        for (int i = minutes - 1; i >= 0; i--) {
            ends.add(end - i * 60L);
        }
        return Map.of("minuteEnds", ends);
    }

    private List<Map<String, Object>> trunks() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Dispatcher.TrunkHealth health : trunks.get()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", health.name());
            json.put("status", health.up() ? "UP" : "DOWN");
            json.put("downSince", health.downSince() == null || health.up() ? null : health.downSince().toEpochMilli());
            json.put("callsInFlight", health.inFlight());
            TrunkSettings settings = trunkSettings.get(health.name());
            json.put("maxCalls", settings == null ? null : settings.maxCalls());
            json.put("maxCps", settings == null ? null : settings.maxCps());
            list.add(json);
        }
        return list;
    }

    /** The newest calls of every campaign together: each campaign's newest few, merged by end time. */
    private List<Map<String, Object>> recentCalls(List<CampaignView> campaigns) {
        Map<Long, String> names = new LinkedHashMap<>();
        List<CallRecord> calls = new ArrayList<>();
        for (CampaignView view : campaigns) {
            long id = view.campaign().id();
            names.put(id, view.campaign().name());
            calls.addAll(autodialers.history().query(id, newest(RECENT_CALLS)).items());
        }
        return calls.stream()
                .sorted(Comparator.comparing(CallRecord::callEndTime).thenComparing(CallRecord::id).reversed())
                .limit(RECENT_CALLS)
                .map(call -> call(call, names::get))
                .toList();
    }

    private static Map<String, Object> call(CallRecord r, Function<Long, String> names) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("campaignId", r.campaignId());
        json.put("campaign", names.apply(r.campaignId()));
        json.put("phone", r.phone());
        json.put("state", r.state().name());
        json.put("endedAt", r.callEndTime().toEpochMilli());
        json.put("secondsTalk", r.secondsTalk());
        json.put("sipCode", r.sipCode());
        json.put("hangupBy", r.hangupBy());
        json.put("operatorNumber", r.operatorNumber());
        return json;
    }

    private List<Map<String, Object>> operators(Instant now) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (OperatorBoard.LineView line : operators.lines(now)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("number", line.number());
            json.put("state", line.state().name());
            json.put("sinceMillis", line.since().equals(Instant.EPOCH) ? null : line.since().toEpochMilli());
            json.put("talks", line.talks());
            json.put("talkSeconds", line.talk().toSeconds());
            list.add(json);
        }
        return list;
    }

    /** The webhook backlog: deliveries waiting to be sent or retried (docs/API.md, "Webhook deliveries"). */
    private Map<String, Object> webhooks() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("available", true);
        json.put("pending", webhookBacklog.getAsLong());
        return json;
    }

    private static CallHistoryService.Request newest(int limit) {
        return new CallHistoryService.Request(null, null, 0, limit, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static Double seconds(Duration d) {
        return d == null ? null : Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
