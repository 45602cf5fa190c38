package org.outdial.api.unitalk.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.history.ProjectHistoryService;

/**
 * Seed 004 {@code /api/history/get}: the project's calls, every autodialer's attempts and the
 * single calls, from the one history they are all recorded in; the seed's body
 * ({@code {"count": ..., "calls": [...]}}), newest first ({@link ProjectCallJson} says which field
 * holds what). A facade over {@link ProjectHistoryService}.
 */
public final class ProjectHistoryRoutes implements RouteGroup {

    /** Seed 004: "in the format yyyy-MM-dd HH:mm:ss"; strict, so 2024-02-30 is refused, not moved to March. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** The seed's optional {@code filter}, as sent. */
    record FilterJson(String direction, Integer minDuration, List<String> calledFrom, List<String> calledTo,
                      List<String> outerNum, List<String> exactPhone, Boolean newLead, Boolean answered, Boolean lost,
                      Boolean voiceMessage) {
        static final FilterJson NONE = new FilterJson(null, null, null, null, null, null, null, null, null, null);
    }

    private final ProjectHistoryService history;

    public ProjectHistoryRoutes(ProjectHistoryService history) {
        this.history = history;
    }

    @Override
    public void register(Router router) {
        router.post("/api/history/get", this::get);
    }

    private Response get(Request request) throws Exception {
        LocalDateTime from = date(request.json().get("dateFrom"), ProjectHistoryService.WRONG_FROM);
        LocalDateTime to = date(request.json().get("dateTo"), ProjectHistoryService.WRONG_TO);
        Integer limit = limit(request.json().get("limit"));
        Integer offset = request.bind("offset", Integer.class);
        FilterJson f = request.bind("filter", FilterJson.class);
        if (f == null) {
            f = FilterJson.NONE;
        }
        ProjectHistoryService.Page page = history.query(new ProjectHistoryService.Request(from, to, limit, offset,
                f.direction(), f.minDuration(), f.calledFrom(), f.calledTo(), f.outerNum(), f.exactPhone(), f.newLead(),
                f.answered(), f.lost(), f.voiceMessage()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", page.count());
        body.put("calls", page.calls().stream().map(call -> ProjectCallJson.of(call, history.zone())).toList());
        return Response.json(body);
    }

    /** Seed 004: "not specified or is incorrect" is one error per date. */
    private static LocalDateTime date(JsonNode node, String error) {
        if (node == null || !node.isTextual()) {
            throw HttpException.badRequest(error);
        }
        try {
            return LocalDateTime.parse(node.asText(), DATE_TIME);
        } catch (DateTimeParseException e) {
            throw HttpException.badRequest(error);
        }
    }

    /** Seed 004: "The limit parameter is not specified or is incorrect": a fraction, a boolean or text is incorrect. */
    private static Integer limit(JsonNode node) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw HttpException.badRequest(ProjectHistoryService.LIMIT_RANGE);
        }
        return node.intValue();
    }
}
