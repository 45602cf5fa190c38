package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.Objects;
import org.outdial.engine.campaign.CallingWindow;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignSettings;
import org.outdial.engine.campaign.CommonSettings;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.campaign.TypeSettings;
import org.outdial.engine.pacing.ModeSettings;

/**
 * What the dialer and its flows read of a campaign's settings, read in one place ({@link #of}),
 * once per look at the campaign. Audio is the exception: {@link CallAudio} reads its own part.
 *
 * @param window            dates, weekday times, time zone, callee's local time
 * @param pacing            the pacer's settings: the campaign's mode part
 * @param repeat            retry rules, or null for none
 * @param removeAfterFinish delete the campaign once FINISHED
 * @param outScenarioId     the outgoing scenario (trunk and caller ID), or null for the default trunk
 * @param delay             AUTODIAL: the pause between the end of the audio and the scenario; zero for other types
 * @param scenarioId        AUTODIAL: the incoming scenario run after the audio, or null
 */
public record DialPlan(CallingWindow window, ModeSettings pacing, RepeatCallsSettings repeat,
                       boolean removeAfterFinish, Long outScenarioId, Duration delay, Long scenarioId) {

    public DialPlan {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(pacing, "pacing");
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay);
        }
    }

    public static DialPlan of(Campaign campaign) {
        CampaignSettings s = campaign.settings();
        CommonSettings common = s.common();
        // Only AUTODIAL plays audio and runs an incoming scenario after it; the other types' flows
        // read their own parts when they are built.
        TypeSettings.Autodial autodial = s.type() instanceof TypeSettings.Autodial a ? a : null;
        return new DialPlan(common.window(), s.mode(), common.repeatCallsSettings(), common.removeAfterFinish(),
                common.outScenarioId(), autodial == null ? Duration.ZERO : autodial.delay(),
                autodial == null ? null : autodial.scenarioId());
    }
}
