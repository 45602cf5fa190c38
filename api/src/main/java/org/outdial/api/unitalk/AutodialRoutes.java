package org.outdial.api.unitalk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.campaign.CampaignView;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.dialer.CampaignNotes;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.history.CallHistoryService;
import org.outdial.engine.number.NumberDraft;
import org.outdial.engine.number.NumberService;
import org.outdial.engine.number.NumberWriter;

/**
 * UniTalk's {@code POST /api/autodial/action}: one route, fifteen actions chosen by the body's
 * {@code action}. Each handler reads the seed's fields, calls the engine and shapes the seed's
 * answer; the engine owns every rule.
 */
public final class AutodialRoutes implements RouteGroup {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<NumberDraft>> NUMBERS_WITH_DATA = new TypeReference<>() {
    };

    /** GET_CALLS_HISTORY's {@code callHistoryRequest} as sent. */
    record HistoryRequestJson(String dateFrom, String dateTo, Integer offset, Integer limit, Long maxId,
                              HistoryFilterJson filter) {
    }

    /** GET_CALLS_HISTORY's {@code callHistoryRequest.filter} as sent. */
    record HistoryFilterJson(List<String> states, String phone, String operatorNumber, String name, String note,
                             String link, String param, List<String> voiceSecretaryIds,
                             List<String> voiceSecretaryEndNodeTypes, List<String> voiceSecretaryEndReasons) {
    }

    private final CampaignModule autodialers;
    private final AutodialCatalog catalog;
    private final InstantSource clock;
    private final CampaignNotes notes;
    private final AbandonmentLedger ledger;

    /** Without an abandonment ledger: every campaign's abandonment reads as nothing yet. */
    public AutodialRoutes(CampaignModule autodialers, AutodialCatalog catalog, InstantSource clock,
                          CampaignNotes notes) {
        this(autodialers, catalog, clock, notes, AbandonmentLedger.empty(AbandonmentSettings.DEFAULTS));
    }

    /** @param ledger the abandonment of campaigns with operators, shown in GET_LIST's statistics */
    public AutodialRoutes(CampaignModule autodialers, AutodialCatalog catalog, InstantSource clock,
                          CampaignNotes notes, AbandonmentLedger ledger) {
        this.ledger = ledger;
        this.autodialers = autodialers;
        this.catalog = catalog;
        this.clock = clock;
        this.notes = notes;
    }

    @Override
    public void register(Router router) {
        router.post("/api/autodial/action", this::action);
    }

    private Response action(Request request) throws Exception {
        JsonNode action = request.json().get("action");
        if (action == null || action.isNull()) {
            throw HttpException.badRequest("action is null");
        }
        if (!action.isTextual()) {
            throw HttpException.badRequest("Wrong value for 'action': expected a string");
        }
        return switch (action.asText()) {
            case "GET_LIST" -> getList();
            case "GET_WITH_DATA" -> getWithData();
            case "ADD" -> Response.data(autodialers.campaigns().add(TaskRequest.forAdd(request.bind("task", TaskRequest.class))));
            case "UPDATE" -> update(request);
            case "REMOVE" -> {
                autodialers.campaigns().remove(id(request));
                yield Response.success("Removed");
            }
            case "REFRESH" -> {
                autodialers.campaigns().refresh(id(request), request.bind("callStates", STRINGS));
                yield Response.success();
            }
            case "CANCEL" -> {
                autodialers.campaigns().cancel(id(request));
                yield Response.success("Cancelled");
            }
            case "PAUSE" -> {
                autodialers.campaigns().pause(id(request));
                yield Response.success();
            }
            case "UNPAUSE" -> {
                autodialers.campaigns().unpause(id(request));
                yield Response.success();
            }
            case "ADD_NUMBERS" -> addNumbers(request);
            case "GET_NUMBER" -> Response.json(NumberJson.of(
                    autodialers.numbers().get(id(request), request.bind("number", String.class)), autodialers.zone()));
            case "GET_NUMBERS" -> Response.json(autodialers.numbers().page(id(request),
                            request.bind("limit", Integer.class), request.bind("offset", Long.class),
                            request.bind("callStates", STRINGS))
                    .stream().map(n -> NumberJson.of(n, autodialers.zone())).toList());
            case "GET_CALLS_HISTORY" -> history(request);
            case "REMOVE_NUMBERS" -> removeNumbers(request);
            case "REMOVE_ALL_NUMBERS" -> {
                autodialers.numbers().removeAll(id(request));
                yield Response.success("Removed");
            }
            default -> throw HttpException.badRequest("Unknown action: " + action.asText());
        };
    }

    private Response getList() {
        var now = clock.instant();
        return Response.json(autodialers.campaigns().list().stream().map(v -> TaskJson.of(v, now, notes.of(v.campaign()),
                ledger)).toList());
    }

    private Response getWithData() {
        var now = clock.instant();
        Map<String, Object> json = AutodialDictionaries.of(catalog, autodialers.campaigns().limits());
        List<CampaignView> views = autodialers.campaigns().list();
        json.put("tasks", views.stream().map(v -> TaskJson.of(v, now, notes.of(v.campaign()), ledger)).toList());
        json.put("statesInfo", AutodialDictionaries.statesList());
        return Response.json(json);
    }

    private Response update(Request request) throws Exception {
        autodialers.campaigns().update(TaskRequest.forUpdate(request.bind("task", TaskRequest.class)));
        return Response.success();
    }

    private Response addNumbers(Request request) throws Exception {
        long id = id(request);
        NumberWriter.Added added = autodialers.numbers().add(id, new NumberService.AddRequest(
                request.bind("numbers", STRINGS), request.bind("numbersWithData", NUMBERS_WITH_DATA),
                Boolean.TRUE.equals(request.bind("highPriority", Boolean.class)),
                Boolean.TRUE.equals(request.bind("refreshDuplicates", Boolean.class))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("added", added.added());
        data.put("refreshed", added.refreshed());
        data.put("duplicates", added.duplicates());
        data.put("blocked", added.blocked());
        return Response.success("Numbers added", data);
    }

    private Response removeNumbers(Request request) throws Exception {
        long id = id(request);
        List<String> numbers = request.bind("numbers", STRINGS);
        NumberService.Removed removed = autodialers.numbers().remove(id, numbers, request.bind("callStates", STRINGS));
        return numbers != null && !numbers.isEmpty() ? Response.data(removed.invalid()) : Response.success();
    }

    private Response history(Request request) throws Exception {
        Long id = request.bind("id", Long.class);
        HistoryRequestJson json = request.bind("callHistoryRequest", HistoryRequestJson.class);
        CallHistoryService.Request query = null;
        if (json != null) {
            HistoryFilterJson f = json.filter() == null
                    ? new HistoryFilterJson(null, null, null, null, null, null, null, null, null, null) : json.filter();
            query = new CallHistoryService.Request(historyDate(json.dateFrom(), "Invalid date from"),
                    historyDate(json.dateTo(), "Invalid date to"), json.offset(), json.limit(),
                    json.maxId(), f.states(), f.phone(), f.operatorNumber(), f.name(), f.note(), f.link(), f.param(),
                    f.voiceSecretaryIds(), f.voiceSecretaryEndNodeTypes(), f.voiceSecretaryEndReasons());
        }
        CallHistoryService.Page page = autodialers.history().query(id, query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", page.count());
        body.put("offset", page.offset());
        body.put("limit", page.limit());
        body.put("items", page.items().stream().map(r -> CallJson.of(r, autodialers.zone())).toList());
        return Response.json(body);
    }

    /** Seed 004: "dateFrom – minimum date and time of the call (inclusive) in the “yyyy-MM-dd HH:mm:ss” format". */
    private static LocalDateTime historyDate(String text, String error) {
        return text == null ? null : UnitalkFormats.dateTime(text).orElseThrow(() -> HttpException.badRequest(error));
    }

    /** The target autodialer's id; a missing one finds no autodialer, as in the seed. */
    private static long id(Request request) throws Exception {
        Long id = request.bind("id", Long.class);
        if (id == null) {
            throw EngineException.notFound("Task not found");
        }
        return id;
    }
}
