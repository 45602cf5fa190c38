package org.outdial.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal at the HTTP level, before or outside the domain: bad JSON, no API key, rate limit,
 * unknown route. Domain refusals are {@code EngineException}s; both become the same error body in
 * {@link ErrorMapper}.
 */
public final class HttpException extends RuntimeException {

    private final int status;
    private final transient Object data;
    private final Map<String, String> headers;

    public HttpException(int status, String message) {
        this(status, message, null, Map.of());
    }

    private HttpException(int status, String message, Object data, Map<String, String> headers) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400..599, was " + status);
        }
        this.status = status;
        this.data = data;
        this.headers = Map.copyOf(headers);
    }

    public static HttpException badRequest(String message) {
        return new HttpException(400, message);
    }

    /** This refusal with a response header, for example {@code Retry-After} or {@code Allow}. */
    public HttpException withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new HttpException(status, getMessage(), data, all);
    }

    /** This refusal with the error body's {@code data}. */
    public HttpException withData(Object newData) {
        return new HttpException(status, getMessage(), newData, headers);
    }

    public int status() {
        return status;
    }

    public Object data() {
        return data;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
