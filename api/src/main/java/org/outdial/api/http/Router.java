package org.outdial.api.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exact paths to handlers, registered in code:
 * {@code router.post("/api/autodial/action", autodial::action)}. Routes need an API key unless
 * registered with {@link Access#PUBLIC}. An unknown path is a 404 and a known path with another
 * method a 405, both in the API's error shape.
 */
public final class Router {

    /** One registered route. */
    public record Route(HttpMethod method, String path, Access access, Handler handler) {
    }

    private final Map<String, Map<HttpMethod, Route>> routes = new LinkedHashMap<>();

    public Router get(String path, Handler handler) {
        return add(HttpMethod.GET, path, Access.API_KEY, handler);
    }

    public Router get(String path, Access access, Handler handler) {
        return add(HttpMethod.GET, path, access, handler);
    }

    public Router post(String path, Handler handler) {
        return add(HttpMethod.POST, path, Access.API_KEY, handler);
    }

    public Router post(String path, Access access, Handler handler) {
        return add(HttpMethod.POST, path, access, handler);
    }

    public Router add(HttpMethod method, String path, Access access, Handler handler) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was " + path);
        }
        Route previous = routes.computeIfAbsent(path, p -> new LinkedHashMap<>())
                .putIfAbsent(method, new Route(method, path, access, handler));
        if (previous != null) {
            throw new IllegalStateException(method + " " + path + " is registered twice");
        }
        return this;
    }

    /** Every route in the order registered, for checks that must see them all (the OpenAPI document's test). */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        routes.values().forEach(byMethod -> all.addAll(byMethod.values()));
        return List.copyOf(all);
    }

    /** Every route, for logging at start-up. */
    public Set<String> describe() {
        Set<String> all = new TreeSet<>();
        routes.forEach((path, byMethod) -> byMethod.keySet().forEach(m -> all.add(m + " " + path)));
        return all;
    }

    /**
     * The route for {@code method} and {@code path}.
     *
     * @throws HttpException 404 for an unknown path, 405 (with {@code Allow}) for a known path
     */
    public Route match(HttpMethod method, String path) {
        Map<HttpMethod, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            throw new HttpException(404, "Unknown path: " + path);
        }
        return Optional.ofNullable(byMethod.get(method)).orElseThrow(() -> {
            Set<String> allowed = new TreeSet<>();
            byMethod.keySet().forEach(m -> allowed.add(m.name()));
            return new HttpException(405, "Method " + method + " is not allowed on " + path
                    + "; use " + String.join(" or ", allowed))
                    .withHeader("Allow", String.join(", ", allowed));
        });
    }
}
