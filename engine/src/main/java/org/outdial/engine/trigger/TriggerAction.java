package org.outdial.engine.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;

/**
 * An event handler ("trigger action"): what Outdial does when an event it is attached to fires.
 * For HTTP types, UniTalk's webhook settings: 1) URL (its query string carries the "URL
 * parameters"), 2) HTTP method, 3) headers, 5) body type for POST, PUT and PATCH, 6) the body for
 * "Specified JSON" and "Form (urlencoded)".
 *
 * @param id       0 for a handler not stored yet
 * @param url      http(s) URL, at most 2000 characters; null for non-HTTP types
 * @param method   null for non-HTTP types
 * @param headers  header name → value, at most 20; empty for non-HTTP types
 * @param bodyType null unless the method has a body
 * @param body     the body template for SPECIFIED_JSON and FORM_URLENCODED; null otherwise
 */
public record TriggerAction(long id, String name, TriggerActionType type, String url, HttpMethod method,
        Map<String, String> headers, BodyType bodyType, String body) {

    public static final int MAX_URL_LENGTH = 2000;
    public static final int MAX_HEADERS = 20;
    public static final int MAX_BODY_LENGTH = 100_000;

    /** RFC 9110 §5.1: a field name is a token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public TriggerAction {
        name = EntityName.check(name);
        if (type == null) {
            throw EngineException.invalid("Wrong action type");
        }
        if (type.isHttp()) {
            url = checkUrl(url, type);
            if (method == null) {
                throw EngineException.invalid("Wrong HTTP method");
            }
            headers = checkHeaders(headers);
            if (method.hasBody()) {
                if (bodyType == null) {
                    throw EngineException.invalid("Wrong body type");
                }
                body = checkBody(bodyType, body);
            } else {
                bodyType = null;
                body = null;
            }
        } else {
            url = null;
            method = null;
            headers = Map.of();
            bodyType = null;
            body = null;
        }
    }

    public TriggerAction withId(long newId) {
        return new TriggerAction(newId, name, type, url, method, headers, bodyType, body);
    }

    private static String checkUrl(String url, TriggerActionType type) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw EngineException.invalid("Wrong url");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw EngineException.invalid("Wrong url");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw EngineException.invalid("Wrong url");
        }
        if (type == TriggerActionType.TELEGRAM && !uri.getHost().equalsIgnoreCase("api.telegram.org")) {
            throw EngineException.invalid("Wrong url");
        }
        return uri.toString();
    }

    private static Map<String, String> checkHeaders(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            throw EngineException.invalid("Wrong headers");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String value = h.getValue() == null ? "" : h.getValue();
            // CR or LF in a value would let a header smuggle in another header (RFC 9110 §5.5).
            if (h.getKey() == null || !HEADER_NAME.matcher(h.getKey()).matches()
                    || value.length() > 1000 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw EngineException.invalid("Wrong headers");
            }
            out.put(h.getKey(), value);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String checkBody(BodyType bodyType, String body) {
        return switch (bodyType) {
            case STANDARD_JSON -> null;
            case SPECIFIED_JSON -> {
                if (body == null || body.isBlank() || body.length() > MAX_BODY_LENGTH) {
                    throw EngineException.invalid("Wrong body");
                }
                try {
                    JSON.readTree(body);
                } catch (JsonProcessingException e) {
                    throw EngineException.invalid("Wrong body");
                }
                yield body;
            }
            case FORM_URLENCODED -> {
                if (body == null || body.isBlank() || body.length() > MAX_BODY_LENGTH
                        || body.indexOf('\r') >= 0 || body.indexOf('\n') >= 0) {
                    throw EngineException.invalid("Wrong body");
                }
                yield body;
            }
        };
    }
}
