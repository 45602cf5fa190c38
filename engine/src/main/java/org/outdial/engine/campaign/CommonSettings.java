package org.outdial.engine.campaign;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.outdial.engine.event.TriggerEvent;

/**
 * What every autodialer has, whatever its type and mode (seed 004, "common part of request").
 *
 * @param window              dates, weekday times and time zone
 * @param outScenarioId       outgoing scenario (trunk and caller ID), or null for the default
 * @param triggerActions      handlers per event, at most 5 each
 * @param repeatCallsSettings retry rules, or null for no retries (the seed's "Can be null")
 * @param callerIdPrefix      shown in the SIP client before the number, at most 20 characters, or null
 */
public record CommonSettings(
        CallingWindow window,
        Long outScenarioId,
        Map<TriggerEvent, List<Long>> triggerActions,
        RepeatCallsSettings repeatCallsSettings,
        String callerIdPrefix,
        CrmMode crmMode,
        ClientCalledMode clientCalledMode,
        boolean displayName,
        boolean displayNote,
        boolean removeAfterFinish) {

    public CommonSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(crmMode, "crmMode");
        Objects.requireNonNull(clientCalledMode, "clientCalledMode");
        triggerActions = Map.copyOf(triggerActions);
    }
}
