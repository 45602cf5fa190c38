package org.outdial.engine.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.catalog.TestStores;
import org.outdial.testing.ManualClock;

class VoiceRobotsTest {

    private static final String SCRIPT = "{\"nodes\":[{\"id\":1,\"type\":\"PLAY\",\"audioId\":5}]}";

    private final VoiceRobots robots = new VoiceRobots(TestStores.freshDatabase(),
            ManualClock.at(Instant.parse("2024-05-01T10:00:00Z")));

    @Test
    void scriptIsKeptVerbatim() {
        long id = robots.add(new VoiceRobot(0, "Survey", SCRIPT));
        assertEquals(new VoiceRobot(id, "Survey", SCRIPT), robots.find(id).orElseThrow());
        assertTrue(robots.exists(id));
        assertFalse(robots.exists(id + 1));
        assertEquals(Map.of(id, "Survey"), robots.names());
    }

    @Test
    void scriptMustBeAnObjectWithANodesArray() {
        assertRefused("script is null", () -> new VoiceRobot(0, "x", null));
        assertRefused("Wrong script: not JSON", () -> new VoiceRobot(0, "x", "{nodes:"));
        assertRefused("Wrong script: an object with a nodes array is expected", () -> new VoiceRobot(0, "x", "[]"));
        assertRefused("Wrong script: an object with a nodes array is expected", () -> new VoiceRobot(0, "x", "{\"nodes\":{}}"));
    }

    @Test
    void unknownRobotUsesTheSeedsText() {
        assertRefused("Voice secretary not found", () -> robots.update(new VoiceRobot(3, "x", SCRIPT)));
        assertRefused("Voice secretary not found", () -> robots.remove(3));
    }
}
