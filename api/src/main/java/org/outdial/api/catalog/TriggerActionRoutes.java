package org.outdial.api.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
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

/** /triggerActions/action: event handlers (webhooks and friends). */
public final class TriggerActionRoutes implements RouteGroup {

    private enum Action { GET_LIST, ADD, UPDATE, REMOVE }

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
            case GET_LIST -> Response.data(actions.list());
            case ADD -> Response.data(actions.add(Actions.body(request, "triggerAction", TriggerActionJson.class).toAction()));
            case UPDATE -> {
                actions.update(Actions.body(request, "triggerAction", TriggerActionJson.class).toAction());
                yield Response.success();
            }
            case REMOVE -> {
                actions.remove(Actions.id(request));
                yield Response.success();
            }
        };
    }
}
