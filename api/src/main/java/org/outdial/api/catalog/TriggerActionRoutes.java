package org.outdial.api.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.trigger.BodyType;
import org.outdial.engine.trigger.HttpMethod;
import org.outdial.engine.trigger.TriggerAction;
import org.outdial.engine.trigger.TriggerActionType;
import org.outdial.engine.trigger.TriggerActions;

/**
 * /triggerActions/action: event handlers (webhooks and BLOCK_NUMBER). GET_LIST shows each
 * handler's signing secret and whether it is paused; PAUSE and UNPAUSE hold and resume its
 * deliveries (docs/API.md).
 */
public final class TriggerActionRoutes implements RouteGroup {

    private enum Action { GET_LIST, ADD, UPDATE, REMOVE, PAUSE, UNPAUSE }

    private record TriggerActionJson(Long id, String name, TriggerActionType type, String url, HttpMethod method,
            Map<String, String> headers, BodyType bodyType, String body) {
        TriggerAction toAction() {
            return new TriggerAction(id == null ? 0 : id, name, type, url, method, headers, bodyType, body);
        }
    }

    private final TriggerActions actions;

    public TriggerActionRoutes(TriggerActions actions) {
        this.actions = actions;
    }

    @Override
    public void register(Router router) {
        router.post("/api/triggerActions/action", this::action);
    }

    private Response action(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> Response.data(actions.listSigned().stream().map(TriggerActionRoutes::json).toList());
            case ADD -> Response.data(actions.add(Actions.body(request, "triggerAction", TriggerActionJson.class).toAction()));
            case UPDATE -> {
                actions.update(Actions.body(request, "triggerAction", TriggerActionJson.class).toAction());
                yield Response.success();
            }
            case REMOVE -> {
                actions.remove(Actions.id(request));
                yield Response.success();
            }
            case PAUSE, UNPAUSE -> {
                long id = Actions.id(request);
                actions.pause(id, Actions.action(request, Action.class) == Action.PAUSE);
                yield Response.success();
            }
        };
    }

    /** The stored handler, then {@code paused} and {@code secret} (Outdial's, for verifying signatures). */
    private static Map<String, Object> json(TriggerActions.Signed s) {
        TriggerAction a = s.action();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("name", a.name());
        json.put("type", a.type());
        json.put("url", a.url());
        json.put("method", a.method());
        json.put("headers", a.headers());
        json.put("bodyType", a.bodyType());
        json.put("body", a.body());
        json.put("paused", s.paused());
        json.put("secret", a.type().isHttp() ? s.secret() : null);
        return json;
    }
}
