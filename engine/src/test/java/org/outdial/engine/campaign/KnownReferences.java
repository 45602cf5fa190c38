package org.outdial.engine.campaign;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.outdial.engine.event.TriggerEvent;

/** References to exactly the entities a test adds: nothing exists until it is added. */
public final class KnownReferences implements References {

    private final Map<Long, String> audios = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();
    private final Set<String> lines = new HashSet<>();
    private final Set<Long> ttsProfiles = new HashSet<>();
    private final Set<Long> inScenarios = new HashSet<>();
    private final Set<Long> outScenarios = new HashSet<>();
    private final Set<Long> robots = new HashSet<>();
    private final Map<Long, String> triggerActions = new HashMap<>();
    private final Set<String> numberOnlyActionTypes = new HashSet<>();

    public KnownReferences audio(long id, String type) {
        audios.put(id, type);
        return this;
    }

    public KnownReferences group(long id, String type) {
        groups.put(id, type);
        return this;
    }

    public KnownReferences line(String number) {
        lines.add(number);
        return this;
    }

    public KnownReferences ttsProfile(long id) {
        ttsProfiles.add(id);
        return this;
    }

    public KnownReferences inScenario(long id) {
        inScenarios.add(id);
        return this;
    }

    public KnownReferences outScenario(long id) {
        outScenarios.add(id);
        return this;
    }

    public KnownReferences robot(long id) {
        robots.add(id);
        return this;
    }

    public KnownReferences triggerAction(long id, String type) {
        triggerActions.put(id, type);
        return this;
    }

    /** Handlers of {@code type} run on events about one number only. */
    public KnownReferences numberEventsOnly(String type) {
        numberOnlyActionTypes.add(type);
        return this;
    }

    @Override
    public Optional<String> audioType(long id) {
        return Optional.ofNullable(audios.get(id));
    }

    @Override
    public Optional<String> groupType(long id) {
        return Optional.ofNullable(groups.get(id));
    }

    @Override
    public boolean operatorExists(String number) {
        return lines.contains(number);
    }

    @Override
    public boolean ttsProfileExists(long id) {
        return ttsProfiles.contains(id);
    }

    @Override
    public boolean inScenarioExists(long id) {
        return inScenarios.contains(id);
    }

    @Override
    public boolean outScenarioExists(long id) {
        return outScenarios.contains(id);
    }

    @Override
    public boolean voiceRobotExists(long id) {
        return robots.contains(id);
    }

    @Override
    public Optional<String> triggerActionType(long id) {
        return Optional.ofNullable(triggerActions.get(id));
    }

    @Override
    public boolean compatible(String actionType, TriggerEvent event) {
        return event.concernsNumber() || !numberOnlyActionTypes.contains(actionType);
    }
}
