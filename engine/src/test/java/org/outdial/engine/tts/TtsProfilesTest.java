package org.outdial.engine.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.catalog.TestStores;
import org.outdial.engine.error.EngineException;
import org.outdial.testing.ManualClock;

class TtsProfilesTest {

    private final TtsProfiles profiles = new TtsProfiles(TestStores.freshDatabase(),
            ManualClock.at(Instant.parse("2024-05-01T10:00:00Z")));

    @Test
    void storedProfileIsFoundListedAndNamedById() {
        long woman = profiles.add(new TtsProfile(0, "Pretty woman voice", "en+f3", 160, 60));
        long man = profiles.add(new TtsProfile(0, "Man", "en-us", 175, 40));

        assertEquals(new TtsProfile(woman, "Pretty woman voice", "en+f3", 160, 60), profiles.find(woman).orElseThrow());
        assertEquals(Map.of(woman, "Pretty woman voice", man, "Man"), profiles.names());
        assertEquals(List.of(woman, man), List.copyOf(profiles.names().keySet()));
    }

    @Test
    void valuesOutsideEspeakRangesAreRefusedWithTheKeyAndRange() {
        assertRefused("Speed range is 80-450", () -> new TtsProfile(0, "a", "en", 79, 50));
        assertRefused("Speed range is 80-450", () -> new TtsProfile(0, "a", "en", 451, 50));
        assertRefused("Pitch range is 0-99", () -> new TtsProfile(0, "a", "en", 175, 100));
        assertRefused("Wrong voice", () -> new TtsProfile(0, "a", "-v evil", 175, 50));
        assertRefused("Wrong voice", () -> new TtsProfile(0, "a", null, 175, 50));
        assertRefused("Name is empty", () -> new TtsProfile(0, " ", "en", 175, 50));
        assertRefused("Name length more than 200 chars", () -> new TtsProfile(0, "x".repeat(201), "en", 175, 50));
    }

    @Test
    void secondProfileWithTheSameNameIsAConflict() {
        profiles.add(new TtsProfile(0, "Voice", "en", 175, 50));
        EngineException e = assertRefused("Name already present", () -> profiles.add(new TtsProfile(0, "Voice", "ru", 175, 50)));
        assertEquals(EngineException.Kind.CONFLICT, e.kind());
        assertEquals(1, profiles.list().size());
    }

    @Test
    void updateReplacesTheProfileAndUnknownIdsAreNotFound() {
        long id = profiles.add(new TtsProfile(0, "Voice", "en", 175, 50));
        long other = profiles.add(new TtsProfile(0, "Other", "en", 175, 50));
        profiles.update(new TtsProfile(id, "Voice 2", "de", 200, 30));
        assertEquals(new TtsProfile(id, "Voice 2", "de", 200, 30), profiles.find(id).orElseThrow());

        assertRefused("Name already present", () -> profiles.update(new TtsProfile(id, "Other", "de", 200, 30)));
        assertRefused(TtsProfiles.NOT_FOUND, () -> profiles.update(new TtsProfile(999, "X", "de", 200, 30)));
        profiles.remove(other);
        assertTrue(profiles.find(other).isEmpty());
        assertRefused(TtsProfiles.NOT_FOUND, () -> profiles.remove(other));
    }
}
