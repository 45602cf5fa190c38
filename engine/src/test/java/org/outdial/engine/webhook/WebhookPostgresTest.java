package org.outdial.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.storage.LocalPostgres;
import org.outdial.engine.trigger.BodyType;
import org.outdial.engine.trigger.HttpMethod;

/** The same delivery on PostgreSQL (V9 and every query of the planner, deliverer and deliveries API). */
class WebhookPostgresTest {

    @Test
    void deliveriesWorkOnPostgres() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startInstalled();
             Receiver r = new Receiver();
             WebhookFixture f = new WebhookFixture(postgres.storage(), WebhookFixture.FAST)) {
            r.then(Receiver.Reply.status(500));
            long std = f.standardJson("std", r.url("/std"));
            long form = f.webhook("form", r.url("/form"), HttpMethod.POST, BodyType.FORM_URLENCODED, "phone={phone}");
            long campaign = f.autodialer("pg", Map.of(TriggerEvent.AUTODIAL_ANSWER, List.of(std),
                    TriggerEvent.AUTODIAL_NOANSWER, List.of(form)),
                    "380971234567", "380971234568");
            f.handlers.pause(form, true);
            f.call(campaign, "380971234567", NumberState.ANSWER, "2040");
            f.call(campaign, "380971234568", NumberState.NOANSWER, null);
            Receiver.await(Duration.ofSeconds(15), "the standard one delivered after a 500",
                    () -> f.only(std).state() == DeliveryState.DELIVERED);
            assertEquals(2, f.only(std).attempts());
            assertEquals(DeliveryState.PENDING, f.only(form).state(), "paused");
            f.handlers.pause(form, false);
            Receiver.await(Duration.ofSeconds(15), "the form one delivered once resumed",
                    () -> f.only(form).state() == DeliveryState.DELIVERED);
            List<Receiver.Received> got = r.received();
            assertEquals("380971234567", new ObjectMapper().readTree(got.get(1).body()).get("from").asText());
            assertEquals(2, new ObjectMapper().readTree(got.get(1).body()).get("totalCount").asInt());
            assertEquals("phone=380971234568", got.get(2).body());
            assertEquals(2, f.deliveries.list(null, campaign, DeliveryState.DELIVERED, 0, 10).size());
            f.deliveries.redeliver(f.only(std).id());
            Receiver.await(Duration.ofSeconds(15), "redelivered", () -> r.received().size() == 4);
        }
    }
}
