package org.outdial.api.metrics;

import org.outdial.api.http.Access;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;

/**
 * {@code GET /metrics}: every meter for Prometheus (docs/METRICS.md), in the text format 0.0.4,
 * or OpenMetrics when the {@code Accept} header asks for it. Public unless
 * {@code metrics.require-key} is set: scrapers seldom carry an API key, and the figures name
 * campaigns and trunks, never a phone number or a call.
 */
public final class MetricsRoutes implements RouteGroup {

    public static final String PATH = "/metrics";

    private final Telemetry telemetry;
    private final boolean requireKey;

    public MetricsRoutes(Telemetry telemetry, boolean requireKey) {
        this.telemetry = telemetry;
        this.requireKey = requireKey;
    }

    @Override
    public void register(Router router) {
        router.get(PATH, requireKey ? Access.API_KEY : Access.PUBLIC, this::scrape);
    }

    private Response scrape(Request request) {
        Telemetry.Scrape scrape = telemetry.scrape(request.header("Accept").orElse(null));
        return Response.bytes(scrape.body(), scrape.contentType());
    }
}
