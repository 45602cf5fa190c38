package org.outdial.api.unitalk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.engine.audio.AudioType;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CompositeAudio;
import org.outdial.engine.campaign.DynamicValue;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;

/** The lists, dictionaries and limits GET_WITH_DATA sends with the autodialers (seed 004). */
final class AutodialDictionaries {

    private AutodialDictionaries() {
    }

    static Map<String, Object> of(AutodialCatalog catalog, CampaignLimits limits) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("audios", keyed(catalog.audios().names(AudioType.AUTODIAL)));
        json.put("moh", keyed(catalog.audios().names(AudioType.MELODY)));
        json.put("groups", keyed(catalog.operators().groupNames()));
        json.put("pseudoGroupOperators", catalog.operators().phoneNames());
        json.put("scenarios", keyed(catalog.scenarios().inNames()));
        json.put("outScenarios", keyed(catalog.scenarios().outNames()));
        json.put("ttsSettings", keyed(catalog.ttsProfiles().names()));
        json.put("voiceSecretaries", keyed(catalog.robots().names()));
        Map<String, String> events = new LinkedHashMap<>();
        List<Map<String, Object>> eventsData = new ArrayList<>();
        Map<String, Object> handlers = new LinkedHashMap<>();
        Map<Long, String> numberHandlers = catalog.triggerActions().namesCompatibleWith(true);
        Map<Long, String> taskHandlers = catalog.triggerActions().namesCompatibleWith(false);
        for (TriggerEvent event : TriggerEvent.seedEvents()) {
            events.put(event.name(), event.title());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("event", event.name());
            data.put("title", event.title());
            data.put("order", event.order());
            eventsData.add(data);
            handlers.put(event.name(), keyed(event.concernsNumber() ? numberHandlers : taskHandlers));
        }
        json.put("triggerActionEvents", events);
        json.put("triggerActionEventsData", eventsData);
        json.put("triggerActionEventsAndTriggerActions", handlers);
        json.put("triggerActionsPresent", !catalog.triggerActions().names().isEmpty());
        json.put("autodialNumberStatesInfo", statesInfo());
        Map<String, String> statuses = new LinkedHashMap<>();
        for (CampaignStatus status : CampaignStatus.values()) {
            statuses.put(status.name(), status.title());
        }
        json.put("taskStatuses", statuses);
        Map<String, String> types = new LinkedHashMap<>();
        for (CampaignType type : CampaignType.values()) {
            types.put(type.name(), type.title());
        }
        json.put("autodialerTypes", types);
        Map<String, String> modes = new LinkedHashMap<>();
        for (CampaignMode mode : CampaignMode.values()) {
            modes.put(mode.name(), mode.title());
        }
        json.put("autodialerModes", modes);
        json.put("maxAddNumbersCount", limits.maxAddNumbers());
        json.put("maxRemoveNumbersCount", limits.maxRemoveNumbers());
        json.put("maxNumbersCount", limits.maxNumbersPerTask());
        json.put("multiAudiosLimit", CompositeAudio.MAX_PARTS);
        json.put("minMultiAudioSilenceMillis", CompositeAudio.MIN_SILENCE_MILLIS);
        json.put("maxMultiAudioSilenceMillis", CompositeAudio.MAX_SILENCE_MILLIS);
        Map<String, String> dynamic = new LinkedHashMap<>();
        for (DynamicValue value : DynamicValue.values()) {
            dynamic.put(value.name(), value.title());
        }
        json.put("audioSynthesisDynamicValues", dynamic);
        // Billing is out of Outdial's scope; the dictionary is kept so clients that read it still work.
        json.put("withdrawalCategories", Map.of());
        return json;
    }

    /** {@code statesInfo}: one element per state with its order, title and flags. */
    static List<Map<String, Object>> statesList() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (NumberState state : NumberState.values()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("state", state.name());
            info.put("order", state.order());
            info.put("title", state.title());
            info.put("repeatable", state.repeatable());
            info.put("refreshable", state.refreshable());
            info.put("warning", state.warning());
            info.put("callState", state.callState());
            list.add(info);
        }
        return list;
    }

    private static Map<String, Object> statesInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("lang", Map.of("locale", "en", "shortLocaleCode", "en", "code", "EN"));
        List<String> ordered = new ArrayList<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (NumberState state : NumberState.values()) {
            ordered.add(state.name());
            titles.put(state.name(), state.title());
        }
        info.put("orderedStates", ordered);
        info.put("statesAndTitles", titles);
        info.put("repeatableStates", names(NumberState.matching(NumberState::repeatable)));
        info.put("refreshableStates", names(NumberState.matching(NumberState::refreshable)));
        info.put("warningStates", names(NumberState.matching(NumberState::warning)));
        info.put("doneStates", names(NumberState.matching(NumberState::done)));
        return info;
    }

    private static List<String> names(List<NumberState> states) {
        return states.stream().map(Enum::name).toList();
    }

    private static Map<String, String> keyed(Map<Long, String> names) {
        Map<String, String> json = new LinkedHashMap<>();
        names.forEach((id, name) -> json.put(String.valueOf(id), name));
        return json;
    }
}
