package org.outdial.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the webhook deliverer tells the metrics (docs/METRICS.md, "Webhooks"): each attempt's
 * result, and for a delivered event how long after the event it arrived. The deliverer calls it;
 * it does not know Micrometer is behind it. {@link #none()} for tests and for a process without
 * delivery.
 */
public interface DeliveryMeters {

    /** How one delivery attempt ended. */
    enum Result {
        /** A 2xx within the timeout. */
        DELIVERED,
        /** Anything else, with attempts left on the schedule. */
        RETRIED,
        /** Anything else, and the schedule is spent: the delivery is kept as failed. */
        FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One attempt ended with {@code result}; {@code lag} is from the event's record to now. */
    void attempted(Result result, Duration lag);

    /** Reads the deliveries not yet delivered nor failed (the backlog) at each scrape; keep it cheap. */
    void backlog(LongSupplier pending);

    static DeliveryMeters none() {
        return new DeliveryMeters() {
            @Override
            public void attempted(Result result, Duration lag) {
            }

            @Override
            public void backlog(LongSupplier pending) {
            }
        };
    }

    /**
     * Meters in {@code registry}: {@code outdial_webhook_deliveries_total{result}},
     * {@code outdial_webhook_delivery_lag_seconds} (delivered ones only) and
     * {@code outdial_webhook_backlog}.
     */
    static DeliveryMeters over(MeterRegistry registry) {
        Map<Result, Counter> counters = new EnumMap<>(Result.class);
        for (Result r : Result.values()) {
            counters.put(r, Counter.builder("outdial.webhook.deliveries")
                    .description("Webhook delivery attempts, by how they ended").tag("result", r.label())
                    .register(registry));
        }
        Timer lag = Timer.builder("outdial.webhook.delivery.lag")
                .description("From an event's record to its delivery (2xx), retries included")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2))
                .register(registry);
        return new DeliveryMeters() {
            @Override
            public void attempted(Result result, Duration eventAge) {
                counters.get(result).increment();
                if (result == Result.DELIVERED) {
                    lag.record(eventAge);
                }
            }

            @Override
            public void backlog(LongSupplier pending) {
                // Held strongly: a gauge keeps its object weakly by default, and a lambda has no other owner.
                Gauge.builder("outdial.webhook.backlog", pending, p -> p.getAsLong()).strongReference(true)
                        .description("Deliveries waiting to be sent or retried").register(registry);
            }
        };
    }
}
