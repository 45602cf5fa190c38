package org.outdial.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeliveryMetersTest {

    @Test
    void attemptsAreCountedByResultAndOnlyDeliveredOnesGiveALag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DeliveryMeters meters = DeliveryMeters.over(registry);
        AtomicLong pending = new AtomicLong(7);
        meters.backlog(pending::get);

        meters.attempted(DeliveryMeters.Result.RETRIED, Duration.ofSeconds(1));
        meters.attempted(DeliveryMeters.Result.DELIVERED, Duration.ofSeconds(6));
        meters.attempted(DeliveryMeters.Result.DELIVERED, Duration.ofMillis(40));
        meters.attempted(DeliveryMeters.Result.FAILED, Duration.ofHours(40));
        pending.set(3);

        assertEquals(2, registry.find("outdial.webhook.deliveries").tag("result", "delivered").counter().count());
        assertEquals(1, registry.find("outdial.webhook.deliveries").tag("result", "retried").counter().count());
        assertEquals(1, registry.find("outdial.webhook.deliveries").tag("result", "failed").counter().count());
        assertEquals(2, registry.find("outdial.webhook.delivery.lag").timer().count());
        assertEquals(6040, registry.find("outdial.webhook.delivery.lag").timer().totalTime(TimeUnit.MILLISECONDS), 1e-6);
        assertEquals(3.0, registry.find("outdial.webhook.backlog").gauge().value(), "read at each scrape");
    }
}
