package org.outdial.engine.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.catalog.TestStores;
import org.outdial.testing.ManualClock;

class TriggerActionsTest {

    private final TriggerActions actions = new TriggerActions(TestStores.freshDatabase(),
            ManualClock.at(Instant.parse("2024-05-01T10:00:00Z")));

    private static TriggerAction webhook(String name) {
        return new TriggerAction(0, name, TriggerActionType.WEBHOOK, "https://crm.example.com/hook?source=outdial",
                HttpMethod.POST, Map.of("X-Token", "abc"), BodyType.SPECIFIED_JSON, "{\"phone\":\"{phone}\"}");
    }

    @Test
    void webhookIsStoredWithHeadersAndBody() {
        long id = actions.add(webhook("CRM"));
        assertEquals(webhook("CRM").withId(id), actions.find(id).orElseThrow());
        assertEquals(Map.of(id, "CRM"), actions.names());
    }

    @Test
    void methodsWithoutABodyDropBodyTypeAndBody() {
        TriggerAction get = new TriggerAction(0, "ping", TriggerActionType.WEBHOOK, "http://h/p", HttpMethod.GET,
                null, BodyType.SPECIFIED_JSON, "{}");
        assertNull(get.bodyType());
        assertNull(get.body());
    }

    @Test
    void httpSettingsAreChecked() {
        assertRefused("Wrong action type", () -> new TriggerAction(0, "x", null, null, null, null, null, null));
        assertRefused("Wrong url", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "ftp://h/", HttpMethod.GET, null, null, null));
        assertRefused("Wrong url", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "not a url", HttpMethod.GET, null, null, null));
        assertRefused("Wrong url", () -> new TriggerAction(0, "x", TriggerActionType.TELEGRAM, "https://evil.example/bot1/sendMessage", HttpMethod.GET, null, null, null));
        assertRefused("Wrong HTTP method", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "http://h/", null, null, null, null));
        assertRefused("Wrong headers", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "http://h/", HttpMethod.GET,
                Map.of("X-A", "v\r\nX-Injected: 1"), null, null));
        assertRefused("Wrong headers", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "http://h/", HttpMethod.GET,
                Map.of("Bad Name", "v"), null, null));
        assertRefused("Wrong body type", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "http://h/", HttpMethod.POST, null, null, null));
        assertRefused("Wrong body", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "http://h/", HttpMethod.POST, null,
                BodyType.SPECIFIED_JSON, "{not json"));
        assertRefused("Wrong body", () -> new TriggerAction(0, "x", TriggerActionType.WEBHOOK, "http://h/", HttpMethod.PUT, null,
                BodyType.FORM_URLENCODED, null));
    }

    @Test
    void blockNumberNeedsAnEventAboutANumber() {
        long block = actions.add(new TriggerAction(0, "Block", TriggerActionType.BLOCK_NUMBER, "http://ignored/", HttpMethod.GET,
                Map.of("a", "b"), null, null));
        long hook = actions.add(webhook("CRM"));
        TriggerAction stored = actions.find(block).orElseThrow();
        assertNull(stored.url());
        assertTrue(stored.headers().isEmpty());
        assertFalse(TriggerActionType.BLOCK_NUMBER.compatibleWith(false));
        assertTrue(TriggerActionType.BLOCK_NUMBER.compatibleWith(true));
        assertEquals(Map.of(hook, "CRM"), actions.namesCompatibleWith(false));
        assertEquals(List.of(block, hook), List.copyOf(actions.namesCompatibleWith(true).keySet()));
    }

    @Test
    void findAllReturnsOnlyExistingHandlers() {
        long a = actions.add(webhook("A"));
        long b = actions.add(webhook("B"));
        assertEquals(List.of(a, b), List.copyOf(actions.findAll(List.of(b, 999L, a, a)).keySet()));
        assertRefused(TriggerActions.NOT_FOUND, () -> actions.remove(999));
        assertRefused("Name already present", () -> actions.add(webhook("A")));
    }
}
