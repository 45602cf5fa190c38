package org.outdial.engine.dialer;

import java.util.Objects;
import org.outdial.engine.campaign.CallingWindow;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignSettings;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.pacing.PacingSettings;

/**
 * What the dialer and its flows read of a campaign's settings, read in one place ({@link #of}),
 * once per look at the campaign. Audio is the exception: {@link CallAudio} reads its own part.
 *
 * @param window            dates, weekday times, time zone, callee's local time
 * @param pacing            the pacer's settings, or null when the campaign's mode has none here yet
 * @param repeat            retry rules, or null for none
 * @param removeAfterFinish delete the campaign once FINISHED
 * @param outScenarioId     the outgoing scenario (trunk and caller ID), or null for the default trunk
 * @param delaySeconds      AUTODIAL: seconds between the end of the audio and the scenario
 * @param scenarioId        AUTODIAL: the incoming scenario run after the audio, or null
 */
public record DialPlan(CallingWindow window, PacingSettings pacing, RepeatCallsSettings repeat,
                       boolean removeAfterFinish, Long outScenarioId, int delaySeconds, Long scenarioId) {

    public DialPlan {
        Objects.requireNonNull(window, "window");
        if (delaySeconds < 0) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delaySeconds);
        }
    }

    public static DialPlan of(Campaign campaign) {
        CampaignSettings s = campaign.settings();
        // FIXED settings are there when the validator stored a threadCount (seed 004: "present only
        // for FIXED"); the FREE and SMART parts come with their pacers.
        PacingSettings pacing = s.threadCount() >= 1
                ? new PacingSettings.Fixed(s.threadCount(), s.callDelay(), s.callDelayOnlyAnswered())
                : null;
        return new DialPlan(s.window(), pacing, s.repeatCallsSettings(), s.removeAfterFinish(), s.outScenarioId(),
                s.delay(), s.scenarioId());
    }
}
