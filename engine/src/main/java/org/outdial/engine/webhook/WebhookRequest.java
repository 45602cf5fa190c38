package org.outdial.engine.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.outdial.engine.trigger.TriggerAction;

/**
 * One attempt's HTTP request: the handler's method and URL (its query string is the "URL
 * parameters"), its headers, its body by body type, and the Standard Webhooks headers
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} (the body is signed
 * as sent; a request without a body signs the empty string), plus {@code outdial-event} and
 * {@code outdial-event-time}, since Standard JSON for autodialer events does not name the event.
 */
public record WebhookRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static WebhookRequest of(TriggerAction handler, String secret, WebhookEvent e, String projectName,
                                    Instant now) {
        Map<String, String> headers = new LinkedHashMap<>(handler.headers());
        byte[] body = new byte[0];
        if (handler.method().hasBody()) {
            String contentType;
            String text = switch (handler.bodyType()) {
                case STANDARD_JSON -> {
                    contentType = "application/json";
                    yield json(StandardJson.body(e, projectName));
                }
                case SPECIFIED_JSON -> {
                    contentType = "application/json";
                    yield BodyTemplate.json(handler.body(), StandardJson.values(e, projectName));
                }
                case FORM_URLENCODED -> {
                    contentType = "application/x-www-form-urlencoded";
                    yield BodyTemplate.form(handler.body(), StandardJson.values(e, projectName));
                }
            };
            body = text.getBytes(StandardCharsets.UTF_8);
            if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                headers.put("Content-Type", contentType + "; charset=utf-8");
            }
        }
        long timestamp = now.getEpochSecond();
        headers.put("webhook-id", e.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(secret, e.webhookId(), timestamp, body));
        headers.put("outdial-event", e.event().name());
        headers.put("outdial-event-time", e.createdAt().toString());
        return new WebhookRequest(handler.method().name(), URI.create(handler.url()), headers, body);
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a Standard JSON body is plain values", ex);
        }
    }
}
