package org.outdial.api.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Arrays;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.webhook.Deliveries;
import org.outdial.engine.webhook.DeliveryState;

/**
 * /api/webhookDeliveries/action (Outdial's; seed 004 has no such screen): see a handler's or an
 * autodialer's webhook deliveries with their state, attempts, last status and last error, and
 * send one again. Pausing a handler is PAUSE on /api/triggerActions/action.
 */
public final class DeliveryRoutes implements RouteGroup {

    private enum Action { GET_LIST, GET, REDELIVER }

    public static final int DEFAULT_LIMIT = 100;

    private final Deliveries deliveries;

    public DeliveryRoutes(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void register(Router router) {
        router.post("/api/webhookDeliveries/action", this::action);
    }

    private Response action(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> {
                Long handler = request.bind("triggerActionId", Long.class);
                Long autodialer = request.bind("autodialerId", Long.class);
                if (handler == null && autodialer == null) {
                    throw HttpException.badRequest("triggerActionId and autodialerId are null: name at least one");
                }
                Integer offset = request.bind("offset", Integer.class);
                Integer limit = request.bind("limit", Integer.class);
                yield Response.data(deliveries.list(handler, autodialer, state(request),
                        offset == null ? 0 : offset, limit == null ? DEFAULT_LIMIT : limit));
            }
            case GET -> Response.data(deliveries.find(Actions.id(request)));
            case REDELIVER -> {
                deliveries.redeliver(Actions.id(request));
                yield Response.success();
            }
        };
    }

    private static DeliveryState state(Request request) throws JsonMappingException {
        String state = request.bind("state", String.class);
        if (state == null) {
            return null;
        }
        return Arrays.stream(DeliveryState.values()).filter(s -> s.name().equals(state)).findFirst()
                .orElseThrow(() -> HttpException.badRequest("Wrong state: expected one of PENDING, DELIVERED, FAILED, REMOVED"));
    }
}
