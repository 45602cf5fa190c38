package org.outdial.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import org.outdial.api.http.Access;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of every route, kept by hand in the
 * resource {@code openapi.yaml} (YAML is what people edit and review; JSON is what tools load)
 * and converted once at start-up. Public, like the health check: it describes the API, it holds
 * no data. OpenApiDocumentTest keeps it true: every registered route is in it, every path in it
 * is served.
 */
public final class OpenApiRoutes implements RouteGroup {

    public static final String PATH = "/openapi.json";
    /** The classpath resource, {@code api/src/main/resources/openapi.yaml}. */
    public static final String RESOURCE = "/openapi.yaml";

    private final JsonNode document;

    private OpenApiRoutes(JsonNode document) {
        this.document = document;
    }

    /**
     * Reads the document from {@link #RESOURCE}.
     *
     * @throws IllegalStateException when it is missing or not YAML: a build fault, found at start-up
     */
    public static OpenApiRoutes load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the classpath");
            }
            JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(in);
            if (document == null || !document.path("openapi").asText().startsWith("3.1")) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " does not declare openapi: 3.1.x");
            }
            return new OpenApiRoutes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The document as served. */
    public JsonNode document() {
        return document.deepCopy();
    }

    @Override
    public void register(Router router) {
        router.get(PATH, Access.PUBLIC, request -> Response.json(document));
    }
}
