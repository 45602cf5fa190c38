package org.outdial.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler returns: a status, headers and a body that is written as JSON with
 * {@link Json#mapper()}. Success bodies use UniTalk's envelope; some UniTalk actions answer with
 * a bare array or object, which {@link #json(Object)} writes as is; static files are
 * {@link #bytes} with their own content type. Error responses are built only
 * by {@link ErrorMapper}: handlers throw instead.
 */
public final class Response {

    private final int status;
    private final Object body;
    private final Map<String, String> headers;

    private Response(int status, Object body, Map<String, String> headers) {
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    /** {@code {"status":"Success"}} */
    public static Response success() {
        return new Response(200, Envelope.success(null, null), Map.of());
    }

    /** {@code {"status":"Success","message":message}}, for example "Removed" or an new id. */
    public static Response success(String message) {
        return new Response(200, Envelope.success(message, null), Map.of());
    }

    /** {@code {"status":"Success","message":message,"data":data}}; either may be null to leave it out. */
    public static Response success(String message, Object data) {
        return new Response(200, Envelope.success(message, data), Map.of());
    }

    /** {@code {"status":"Success","data":data}} */
    public static Response data(Object data) {
        return new Response(200, Envelope.success(null, data), Map.of());
    }

    /** {@code body} as is, without the envelope, status 200. */
    public static Response json(Object body) {
        return new Response(200, body, Map.of());
    }

    /** {@code body} as is with another 2xx status. */
    public static Response json(int status, Object body) {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("status must be 200..299 (errors are thrown), was " + status);
        }
        return new Response(status, body, Map.of());
    }

    /**
     * An error in a facade's own vocabulary (the JSON-RPC Call API's error object), which that
     * facade renders in its one place, with a 4xx or 5xx status. UniTalk's errors never take this
     * path: they are thrown and mapped by {@link ErrorMapper}.
     */
    public static Response facadeError(int status, Object body) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400..599, was " + status);
        }
        return new Response(status, body, Map.of());
    }

    /**
     * {@code bytes} as they are, with {@code contentType}: a static file (the dashboard's page,
     * script and style), written without JSON serialization.
     */
    public static Response bytes(byte[] bytes, String contentType) {
        return new Response(200, new Raw(bytes), Map.of("Content-Type", contentType));
    }

    /**
     * An answer already serialized: one stored for an {@code Idempotency-Key} and sent again, or
     * about to be stored. Any status, since a replayed answer may be a stored 4xx.
     */
    static Response stored(int status, byte[] bytes, String contentType) {
        return new Response(status, new Raw(bytes), Map.of("Content-Type", contentType));
    }

    /** A body written as is, not as JSON. */
    record Raw(byte[] bytes) {
    }

    static Response error(int status, Envelope body, Map<String, String> headers) {
        return new Response(status, body, headers);
    }

    /** This response with one more header. */
    public Response withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Response(status, body, all);
    }

    /** This response with {@code more} headers added (replacing any of the same name). */
    Response withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Response(status, body, all);
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
