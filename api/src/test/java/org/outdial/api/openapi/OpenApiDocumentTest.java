package org.outdial.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.http.Access;
import org.outdial.api.http.Router;

/**
 * The OpenAPI document ({@code api/src/main/resources/openapi.yaml}, served at
 * {@code GET /openapi.json}) against the server itself: every route the server registers is in
 * it with the right security, and every operation in it is served. When a route is added, the
 * failure message says what to add and where.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String WHERE = "api/src/main/resources/openapi.yaml";

    private static OutdialServer server;
    private static TestApi api;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        server = OutdialServer.start(TestApi.config(1 << 20, RateLimitSettings.unlimited()), InstantSource.system(),
                List.of());
        api = new TestApi(server.port());
        HttpResponse<String> response = api.get(OpenApiRoutes.PATH, null);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().map().toString());
        document = TestApi.json(response);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** "POST /api/autodial/action" → the operation object, for every operation in the document. */
    private static Map<String, JsonNode> documented() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    private static Map<String, Router.Route> registered() {
        Map<String, Router.Route> routes = new TreeMap<>();
        for (Router.Route route : server.routes()) {
            routes.put(route.method().name() + " " + route.path(), route);
        }
        return routes;
    }

    @Test
    void itIsAnOpenApi31DocumentWithTheKeyScheme() {
        assertTrue(document.path("openapi").asText().startsWith("3.1."), document.path("openapi").toString());
        assertTrue(document.path("info").path("title").isTextual());
        assertEquals("apiKey", document.at("/components/securitySchemes/apiKey/type").asText());
        assertEquals("Authorization", document.at("/components/securitySchemes/apiKey/name").asText());
        assertEquals("header", document.at("/components/securitySchemes/apiKey/in").asText());
    }

    @Test
    void everyRouteTheServerRegistersIsInTheDocument() {
        Set<String> missing = new TreeSet<>(registered().keySet());
        missing.removeAll(documented().keySet());

        StringBuilder howTo = new StringBuilder();
        for (String route : missing) {
            String[] parts = route.split(" ", 2);
            boolean open = registered().get(route).access() == Access.PUBLIC;
            howTo.append("\n  ").append(parts[1]).append(":\n    ").append(parts[0].toLowerCase(Locale.ROOT))
                    .append(":\n      operationId: ...\n      summary: ...\n")
                    .append(open ? "      security: []            # a public route\n" : "")
                    .append("      responses:\n        \"200\": {$ref: \"#/components/responses/Success\"}");
        }
        assertTrue(missing.isEmpty(), "The server registers routes that " + WHERE + " does not describe: " + missing
                + ". Add each under `paths:` there (the existing entries show the shape), for example:" + howTo);
    }

    @Test
    void everyOperationInTheDocumentIsServed() {
        Set<String> unknown = new TreeSet<>(documented().keySet());
        unknown.removeAll(registered().keySet());
        assertTrue(unknown.isEmpty(), WHERE + " describes routes the server does not register: " + unknown
                + ". Register them (OutdialServer builds the route groups) or remove them from the document.");

        // And over HTTP, without a key: the router must know each one (no 404 "Unknown path", no 405).
        List<String> notServed = new ArrayList<>();
        for (String operation : documented().keySet()) {
            String[] parts = operation.split(" ", 2);
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri(parts[1]))
                    .timeout(Duration.ofSeconds(20))
                    .method(parts[0], HttpRequest.BodyPublishers.noBody()).build());
            boolean unknownPath = response.statusCode() == 404 && response.body().contains("Unknown path");
            if (unknownPath || response.statusCode() == 405) {
                notServed.add(operation + " answered " + response.statusCode() + " " + response.body());
            }
        }
        assertEquals(List.of(), notServed);
    }

    @Test
    void publicRoutesAndOnlyThoseWaiveTheKeyInTheDocument() {
        Map<String, JsonNode> documented = documented();
        List<String> wrong = new ArrayList<>();
        registered().forEach((route, r) -> {
            JsonNode operation = documented.get(route);
            if (operation == null) {
                return; // reported by everyRouteTheServerRegistersIsInTheDocument
            }
            boolean waived = operation.has("security") && operation.get("security").isArray()
                    && operation.get("security").isEmpty();
            if (waived != (r.access() == Access.PUBLIC)) {
                wrong.add(route + (waived ? " needs an API key: remove `security: []`"
                        : " is public: add `security: []`"));
            }
        });
        assertEquals(List.of(), wrong, "in " + WHERE);
    }

    @Test
    void operationsHaveUniqueIdsAndResponsesAndEveryReferenceResolves() {
        Set<String> ids = new HashSet<>();
        documented().forEach((route, operation) -> {
            String id = operation.path("operationId").asText("");
            assertNotEquals("", id, route + " has no operationId");
            assertTrue(ids.add(id), "operationId " + id + " is used twice");
            assertTrue(operation.path("responses").size() > 0, route + " has no responses");
        });
        List<String> dangling = new ArrayList<>();
        collectDangling(document, dangling);
        assertEquals(List.of(), dangling, "$refs in " + WHERE + " that point nowhere");
    }

    private static void collectDangling(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String pointer = ref.asText();
                if (!pointer.startsWith("#") || document.at(pointer.substring(1)).isMissingNode()) {
                    dangling.add(pointer);
                }
            }
            node.properties().forEach(e -> collectDangling(e.getValue(), dangling));
        } else if (node.isArray()) {
            node.forEach(e -> collectDangling(e, dangling));
        }
    }
}
