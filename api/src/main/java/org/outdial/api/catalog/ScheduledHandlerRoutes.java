package org.outdial.api.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.number.PhoneNumbers;
import org.outdial.engine.webhook.Deliveries;

/**
 * Seed 004 "Removing Scheduled Event Handlers", {@code POST /api/eventHandlers/removeScheduledByPhones}
 * with {@code phones} (international format, at most 100): the event handlers still scheduled for
 * those numbers are removed, and {@code data} is how many. In Outdial a scheduled handler is a
 * webhook delivery not sent yet ({@link Deliveries#removeScheduled}); the seed's errors, in its
 * order: no phones, too many, invalid ones (listed in {@code data}), another removal running.
 */
public final class ScheduledHandlerRoutes implements RouteGroup {

    /** Seed 004: "More than 100 elements were passed in the phones parameter". */
    public static final int MAX_PHONES = 100;

    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    private final Deliveries deliveries;

    public ScheduledHandlerRoutes(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void register(Router router) {
        router.post("/api/eventHandlers/removeScheduledByPhones", this::remove);
    }

    private Response remove(Request request) throws JsonMappingException {
        List<Object> phones = request.json().get("phones") != null && request.json().get("phones").isArray()
                ? request.bind("phones", LIST) : null;
        if (phones == null || phones.isEmpty()) {
            throw HttpException.badRequest("Phones is not specified");
        }
        if (phones.size() > MAX_PHONES) {
            throw HttpException.badRequest("Too many phones");
        }
        LinkedHashSet<String> stored = new LinkedHashSet<>();
        List<Object> invalid = new ArrayList<>();
        for (Object phone : phones) {
            String normal = phone instanceof String text ? PhoneNumbers.normalize(text) : null;
            if (normal == null) {
                invalid.add(phone);
            } else {
                stored.add(normal);
            }
        }
        if (!invalid.isEmpty()) {
            throw HttpException.badRequest("Invalid phones").withData(invalid);
        }
        try {
            return Response.data(deliveries.removeScheduled(List.copyOf(stored)));
        } catch (Deliveries.Busy e) {
            throw new HttpException(409, e.getMessage());
        }
    }
}
