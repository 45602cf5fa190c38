package org.outdial.api.http;

/**
 * What the server tells the metrics of each request it answered (docs/METRICS.md, "HTTP"). The
 * route is the registered path, never the request's own (an unknown path is {@link #UNMATCHED}),
 * so its label stays as small as the route table.
 */
@FunctionalInterface
public interface HttpMeters {

    /** The route label of a request that matched no route (404) or could not be decoded. */
    String UNMATCHED = "unmatched";

    void served(String method, String route, int status, long nanos);

    static HttpMeters none() {
        return (method, route, status, nanos) -> { };
    }
}
