package org.outdial.engine.campaign;

import java.util.Optional;
import org.outdial.engine.event.TriggerEvent;

/**
 * What an autodialer's configuration may point at, as {@link CampaignValidator} needs to see it:
 * audios, groups and lines, speech profiles, scenarios, voice robots and event handlers.
 * The composition root implements it over the catalog services; tests use a small fake.
 */
public interface References {

    /** The type of audio {@code id} (GENERAL, IVR, MELODY, AUTODIAL, API), if it exists. */
    Optional<String> audioType(long id);

    /** The type of group {@code id} (INNER_PHONES for a group of internal lines), if it exists. */
    Optional<String> groupType(long id);

    boolean operatorExists(String number);

    boolean ttsProfileExists(long id);

    boolean inScenarioExists(long id);

    boolean outScenarioExists(long id);

    boolean voiceRobotExists(long id);

    /** The action type of event handler {@code id} (WEBHOOK, ...), if it exists. */
    Optional<String> triggerActionType(long id);

    /** Whether handlers of {@code actionType} can run on {@code event}. */
    boolean compatible(String actionType, TriggerEvent event);

    /** The group type that holds internal lines (operators). */
    String INNER_PHONES = "INNER_PHONES";
    /** The audio type an AUTODIAL autodialer plays. */
    String AUDIO_AUTODIAL = "AUTODIAL";
    /** The audio type of music on hold. */
    String AUDIO_MELODY = "MELODY";
}
