package org.outdial.api.incoming;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.outdial.api.catalog.Actions;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.error.EngineException;

/**
 * {@code POST /api/webhookTokens/action}: the incoming-webhook tokens that seed 004 has the user
 * generate on its "API" page, here in the style of the other {@code /action} routes: GET_LIST,
 * ADD ({@code name}; the answer carries the token, shown once) and REMOVE ({@code id}). Seed 004
 * has no such route (UniTalk does it in its web account); {@code ./outdial keys webhook} does the
 * same from the command line.
 */
public final class WebhookTokenRoutes implements RouteGroup {

    public static final String PATH = "/api/webhookTokens/action";

    private enum Action { GET_LIST, ADD, REMOVE }

    private final WebhookTokens tokens;
    private final InstantSource clock;

    public WebhookTokenRoutes(WebhookTokens tokens, InstantSource clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.post(PATH, this::action);
    }

    private Response action(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> Response.data(tokens.list().stream().map(WebhookTokenRoutes::json).toList());
            case ADD -> {
                WebhookTokens.Created created = tokens.create(request.bind("name", String.class), clock.instant());
                Map<String, Object> data = json(created.token());
                data.put("token", created.secret());
                yield Response.data(data);
            }
            case REMOVE -> {
                if (!tokens.revoke(Actions.id(request))) {
                    throw EngineException.notFound(IncomingErrors.TOKEN_NOT_FOUND);
                }
                yield Response.success();
            }
        };
    }

    private static Map<String, Object> json(WebhookToken token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", token.id());
        json.put("name", token.name());
        json.put("createdAt", token.createdAt().toString());
        return json;
    }
}
