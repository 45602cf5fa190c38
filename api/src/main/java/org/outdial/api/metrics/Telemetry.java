package org.outdial.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.outdial.api.http.HttpMeters;

/**
 * The process's one meter registry, Prometheus' (docs/METRICS.md): the engine and the modules
 * below it are handed it as a plain {@link MeterRegistry}; the JVM's binders are bound to it;
 * {@link #scrape} writes it in the format the scraper asked for. It also counts HTTP requests
 * ({@link HttpMeters}). Closing it stops the GC listener.
 */
public final class Telemetry implements HttpMeters, AutoCloseable {

    /** The two text formats the registry writes; Prometheus asks for OpenMetrics first when it can. */
    public record Scrape(String contentType, byte[] body) {
    }

    /** The Prometheus text format (the registry's PrometheusTextFormatWriter.CONTENT_TYPE, a runtime dependency). */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0 (OpenMetricsTextFormatWriter.CONTENT_TYPE). */
    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final MeterRegistry registry;
    /** Null when off. */
    private final PrometheusMeterRegistry prometheus;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final InstantSource clock;
    private final List<Consumer<Instant>> beforeScrape = new CopyOnWriteArrayList<>();
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();

    private Telemetry(InstantSource clock, PrometheusMeterRegistry prometheus) {
        this.clock = clock;
        this.prometheus = prometheus;
        // Off, every meter is a no-op: a composite registry with nothing in it records nothing.
        this.registry = prometheus != null ? prometheus : new CompositeMeterRegistry();
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The product's telemetry: every meter kept, served at {@code /metrics}. */
    public static Telemetry prometheus(InstantSource clock) {
        return new Telemetry(clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * Meters that record nothing and a {@code /metrics} with nothing in it: what the benchmark
     * compares with to measure what metrics cost (docs/BENCHMARKS.md, "Metrics").
     */
    public static Telemetry off(InstantSource clock) {
        return new Telemetry(clock, null);
    }

    /** What the engine and the modules below register their meters in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Runs {@code refresh} with the time before every scrape (gauges read from the database refresh there). */
    public void beforeScrape(Consumer<Instant> refresh) {
        beforeScrape.add(refresh);
    }

    /**
     * Every meter in the exposition format {@code accept} asks for: OpenMetrics 1.0 when it names
     * {@code application/openmetrics-text}, else the Prometheus text format 0.0.4.
     */
    public Scrape scrape(String accept) {
        Instant now = clock.instant();
        beforeScrape.forEach(refresh -> refresh.accept(now));
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS : TEXT_FORMAT;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 10);
        if (prometheus == null) {
            return new Scrape(contentType, contentType.equals(OPENMETRICS) ? "# EOF\n".getBytes(StandardCharsets.UTF_8) : new byte[0]);
        }
        try {
            prometheus.scrape(out, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return new Scrape(contentType, out.toByteArray());
    }

    @Override
    public void served(String method, String route, int status, long nanos) {
        requests.computeIfAbsent(method + ' ' + route + ' ' + status, key -> Timer.builder("outdial.http.requests")
                .description("HTTP requests answered, by method, route (the registered path) and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
