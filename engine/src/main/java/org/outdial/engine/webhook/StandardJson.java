package org.outdial.engine.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "Standard JSON" body type (seed 004, "Event handling"): for an autodialer's call completion
 * events the ten fields of "Standard JSON for autodialers calls completion events", for the
 * autodialer's own events (status changed, finished, ...) "Standard JSON for non-call autodialer
 * events", which is {@code {}}.
 */
public final class StandardJson {

    private StandardJson() {
    }

    public static Map<String, Object> body(WebhookEvent e, String projectName) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!e.event().concernsNumber()) {
            return body;
        }
        Map<String, Object> p = e.payload();
        body.put("from", p.get("phone"));
        body.put("operatorNumber", p.get("operatorNumber"));
        body.put("callName", p.get("name"));
        body.put("callNote", p.get("note"));
        body.put("calledCount", p.get("calledCount"));
        body.put("callState", p.get("state"));
        body.put("dialName", p.get("dialName"));
        body.put("totalCount", p.get("totalCount"));
        body.put("doneCount", p.get("doneCount"));
        body.put("projectName", projectName);
        return body;
    }

    /**
     * What a template can name as {@code {key}}: the Standard JSON fields, everything the event
     * recorded (phone, state, callId, autodialerId, status, ...), and {@code event}, {@code eventId}
     * and {@code eventTime}.
     */
    public static Map<String, Object> values(WebhookEvent e, String projectName) {
        Map<String, Object> values = new LinkedHashMap<>(e.payload());
        values.putAll(body(e, projectName));
        values.put("projectName", projectName);
        values.put("event", e.event().name());
        values.put("eventId", e.webhookId());
        values.put("eventTime", e.createdAt().toString());
        return values;
    }
}
