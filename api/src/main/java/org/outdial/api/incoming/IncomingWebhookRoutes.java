package org.outdial.api.incoming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.outdial.api.http.Access;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.number.NumberService;
import org.outdial.engine.number.NumberWriter;

/**
 * Seed 004's incoming webhooks: {@code POST /tracking/webhook/event?token=...&action=...&id=...}
 * with AUTODIAL_ADD ({@code phones}, {@code name}, {@code note}, {@code link}) and AUTODIAL_REMOVE
 * ({@code phones}). A CRM fires the generated link; the token, not an API key, is what lets it in,
 * so the route is public. Parameters are read from the query string or, for lists too long for a
 * URL, from an {@code application/x-www-form-urlencoded} body (a body field wins).
 *
 * <p>A facade: both actions are the autodialer API's ADD_NUMBERS and REMOVE_NUMBERS
 * ({@link NumberService#addValid}, {@link NumberService#remove}), so duplicates, blocked lists,
 * limits and status changes are the same. Checks run in the seed's order of "Possible errors":
 * token, action, id, autodialer, phones.
 */
public final class IncomingWebhookRoutes implements RouteGroup {

    public static final String PATH = "/tracking/webhook/event";
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");

    /** The seed's "Actions currently available". */
    private enum Action { AUTODIAL_ADD, AUTODIAL_REMOVE }

    /** Seed 004, AUTODIAL_ADD: "Maximum 100 characters", "Maximum 500 characters". */
    private static final int MAX_NAME = 100;
    private static final int MAX_TEXT = 500;

    private final WebhookTokens tokens;
    private final CampaignModule autodialers;

    public IncomingWebhookRoutes(WebhookTokens tokens, CampaignModule autodialers) {
        this.tokens = tokens;
        this.autodialers = autodialers;
    }

    @Override
    public void register(Router router) {
        router.post(PATH, Access.PUBLIC, this::event);
    }

    private Response event(Request request) {
        Optional<String> token = parameter(request, "token");
        if (token.isEmpty() || tokens.findBySecret(token.get()).isEmpty()) {
            throw IncomingErrors.tokenNotFound();
        }
        Action action = parameter(request, "action").flatMap(IncomingWebhookRoutes::action)
                .orElseThrow(() -> HttpException.badRequest(IncomingErrors.ACTION_NOT_FOUND));
        long id = id(request);
        if (!autodialers.campaigns().exists(id)) {
            throw EngineException.notFound(IncomingErrors.AUTODIAL_NOT_FOUND);
        }
        List<String> phones = phones(request);
        try {
            return switch (action) {
                case AUTODIAL_ADD -> add(request, id, phones);
                case AUTODIAL_REMOVE -> remove(id, phones);
            };
        } catch (EngineException e) {
            throw IncomingErrors.translate(e);
        }
    }

    /** {@code {"status":"Success"}} as the seed answers, with what was done in {@code data} (Outdial's addition). */
    private Response add(Request request, long id, List<String> phones) {
        String name = text(request, "name", MAX_NAME);
        String note = text(request, "note", MAX_TEXT);
        String link = text(request, "link", MAX_TEXT);
        NumberService.ValidAdded result = autodialers.numbers().addValid(id, phones, name, note, link);
        NumberWriter.Added added = result.added();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("added", added.added());
        data.put("duplicates", added.duplicates());
        data.put("blocked", added.blocked());
        data.put("invalid", result.invalid());
        return Response.success(null, data);
    }

    private Response remove(long id, List<String> phones) {
        NumberService.Removed removed = autodialers.numbers().remove(id, phones, null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("removed", removed.removed());
        data.put("invalid", removed.invalid());
        return Response.success(null, data);
    }

    private static Optional<Action> action(String name) {
        for (Action a : Action.values()) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The autodialer id: a whole number, never a fraction read as one. */
    private static long id(Request request) {
        String text = parameter(request, "id").orElseThrow(() -> HttpException.badRequest(IncomingErrors.ID_IS_NULL));
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw HttpException.badRequest("Wrong value for 'id': expected a whole number, was " + text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw HttpException.badRequest("Wrong value for 'id': expected a whole number in "
                    + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ", was " + text);
        }
    }

    /** Seed 004: "Phone number or a list of phone numbers separated by commas"; empty pieces are separators only. */
    private static List<String> phones(Request request) {
        List<String> phones = new ArrayList<>();
        for (String piece : parameter(request, "phones").orElse("").split(",")) {
            if (!piece.isBlank()) {
                phones.add(piece.strip());
            }
        }
        if (phones.isEmpty()) {
            throw HttpException.badRequest(IncomingErrors.EMPTY_PHONES);
        }
        return phones;
    }

    /**
     * An optional text field; empty means absent (the generated link carries {@code name=&note=&link=}).
     * Longer than the seed's maximum is refused, not cut: the seed states a maximum here, where
     * ADD_NUMBERS says "the first 100 characters are taken into account".
     */
    private static String text(Request request, String field, int max) {
        String value = parameter(request, field).orElse(null);
        if (value != null && value.length() > max) {
            String label = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            throw HttpException.badRequest(label + " length more than " + max + " chars");
        }
        return value;
    }

    /** A parameter from the form body or the query string, stripped; empty counts as absent. */
    private static Optional<String> parameter(Request request, String name) {
        return request.formField(name).map(String::strip).filter(v -> !v.isEmpty());
    }
}
