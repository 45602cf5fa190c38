package org.outdial.api.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.outdial.api.http.RouteGroup;
import org.outdial.engine.catalog.Catalog;

/** Every route group of the referenced entities, for the composition root. */
public final class CatalogRoutes {

    private CatalogRoutes() {
    }

    /**
     * @param moreDictionaries /dictionary types from other areas (AUTODIAL_*), type → id → name
     */
    public static List<RouteGroup> groups(Catalog catalog, Map<String, Supplier<? extends Map<?, String>>> moreDictionaries) {
        return List.of(
                new AudioRoutes(catalog.audio(), catalog.synthesis()),
                new ListRoutes(catalog.blockedLists()),
                new OperatorRoutes(catalog.operators(), catalog.presence()),
                new TtsProfileRoutes(catalog.ttsProfiles()),
                new TriggerActionRoutes(catalog.triggerActions()),
                new ScenarioRoutes(catalog.scenarios()),
                new VoiceRobotRoutes(catalog.voiceRobots()),
                new DictionaryRoutes(catalog, moreDictionaries));
    }
}
