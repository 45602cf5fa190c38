package org.outdial.testbed.simulate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.pacing.PacingSnapshot;

/**
 * VICIdial's adaptive predictive dialing, dial method {@code ADAPT_TAPERED}, re-implemented from its
 * Perl for the pacing simulator's comparison (issue 11). Read from VICIdial's {@code bin/AST_VDadapt.pl}
 * version 2.4 (build 110513-0721, AGPLv2, Matt Florell) and {@code bin/AST_VDauto_dial.pl} as mirrored on
 * GitHub ({@code inktel/Vicidial}, commit 9e65b4ce); no code is copied, the rules are re-stated in Java.
 * VICIdial splits the work between two scripts, and so does this class:
 *
 * <p><b>{@code AST_VDadapt.pl}: the dial level</b> ({@code vicidial_campaigns.auto_dial_level}).
 * <ul>
 *   <li>Its master loop runs once a second ({@code $CLIdelay} = 1): {@link #adaptLoop} runs at the first
 *       question at or after each whole simulated second.</li>
 *   <li>{@code sub count_agents_lines}, every loop: samples {@code $ready_agents} (agents READY or DONE),
 *       {@code $waiting_calls} (calls LIVE in {@code vicidial_auto_calls}: answered, waiting for an agent)
 *       and {@code $total_agents} (every logged-in agent), and averages the last 15 samples
 *       ({@code $stat_it} = 15, fewer at the start): {@code $stat_differential = $ready_diff_avg −
 *       $waiting_diff_avg}, {@code $total_agents_avg}. Here: READY operators, the Outlook's answered calls
 *       without an operator, and the whole team.</li>
 *   <li>{@code sub calculate_drops}, every 60 loops ({@code $drop_count_updater}, 61 at the start so it runs
 *       at once): today's calls, human answers and drops ({@code $VCScalls_today}, {@code $VCSanswers_today},
 *       {@code $VCSdrops_today}, {@code $VCSdrops_answers_today_pct} = drops over answers in percent, two
 *       decimals, 0 without drops), and the last minute's calls and drops over calls
 *       ({@code $VCScalls_one}, {@code $VCSdrops_one_pct}). The level below uses these cached figures, up to
 *       a minute old, as VICIdial does. Here: calls are dials, answers live answers, drops abandoned calls
 *       (the simulator's grace plays VICIdial's drop timer); the last minute is counted by when the drop
 *       happened rather than by its call's dial time.</li>
 *   <li>{@code sub calculate_dial_level}, every 15 loops ({@code $diff_ratio_updater}), only while
 *       {@code $total_agents_avg > 0}:
 *       <ol>
 *         <li>{@code $differential_target = $differential_onemin + $adaptive_dl_diff_target} (default 0);
 *             {@code $differential_mul} = that over {@code $agents_average_onemin} (0 when either is 0);</li>
 *         <li>intensity ({@code $adaptive_intensity}, default 0, percent): a negative differential is scaled
 *             by {@code |intensity/100 − 1|}, a positive one by {@code intensity/100 + 1};</li>
 *         <li>{@code $intensity_dial_level = $auto_dial_level × (1 + scaled differential)}, three decimals;
 *             capped at {@code $adaptive_maximum_level} (VICIdial's default 3.0), raised to 1.0;</li>
 *         <li>drop rules: more than 20 calls in the last minute with over 50 % of them dropped halves the
 *             level; more than 50 calls today with {@code $VCSdrops_answers_today_pct} over
 *             {@code $adaptive_dropped_percentage} (3 here) tapers it, for ADAPT_TAPERED: to 1.0 once
 *             {@code $tapered_hours_left} is negative, else times {@code $tapered_rate}, where
 *             {@code $tapered_hours_left = $adaptive_latest_server_time − $current_hourmin} on HHMM numbers
 *             (VICIdial's default latest time 2100) and {@code $tapered_rate} is 1 above 1000, else
 *             hours-left / 1000. So the taper is lenient in the morning (no cut at all more than ten
 *             "HHMM hundreds" before the latest time) and tightens towards it;</li>
 *         <li>the dial level thresholds ({@code dial_level_threshold}) are DISABLED by default and not
 *             modelled; the level is raised to 1.0 again and stored.</li>
 *       </ol></li>
 * </ul>
 * The simulated clock's server time is UTC: {@link PacingSimulation#START} is 08:00, so an 8-hour run
 * ends at 16:00 and the taper is 1 until 11:00.
 *
 * <p><b>{@code AST_VDauto_dial.pl}: the calls</b>. Its loop runs every 2.5 s ({@code $loop_delay} 2500 ms):
 * {@code $DBIPgoalcalls = round($DBIPadlevel × $DBIPcount)} where the count is the agents READY, QUEUE,
 * INCALL or DONE ({@code available_only_ratio_tally} N, its default), and it places
 * {@code $DBIPmakecalls = $DBIPgoalcalls − $DBIPexistcalls} calls, where the existing calls are the
 * campaign's SENT, RINGING, LIVE, XFER or CLOSER calls: every call in flight, talking ones included.
 * Here the loop runs at the first question at or after each 2.5 s mark; READY, OFFERED (QUEUE) and
 * TALKING (INCALL) operators count. An operator in wrap-up is taken to be in VICIdial's disposition
 * screen, which its agent screen records as PAUSED (shown as DISPO in the real-time report): not counted.
 * That is a reading of VICIdial's agent screen, which this class was not checked against line by line.
 *
 * <p>Not modelled: inbound blending ({@code campaign_allow_inbound}), drop rate groups, the hopper (always
 * full here), trunk shortage (the simulator's trunk has room), {@code available_only_tally_threshold}.
 * One instance keeps the state of one run: use a new one per simulation.
 */
public final class VicidialAdaptiveDialing implements DialPolicy {

    /** {@code $stat_it}: samples averaged by {@code count_agents_lines}. */
    static final int STAT_IT = 15;
    /** {@code $loop_delay} of {@code AST_VDauto_dial.pl}, ms. */
    static final long AUTO_DIAL_LOOP_MS = 2500;

    private final double adaptiveDroppedPercentage;
    private final double adaptiveMaximumLevel;
    private final int adaptiveLatestServerTime;
    private final int adaptiveIntensity;
    private final int adaptiveDlDiffTarget;

    private double autoDialLevel;

    private long nextAdaptSecond = Long.MIN_VALUE;
    private long nextAutoDialAt = Long.MIN_VALUE;
    private int statCount = 1;
    private long dropCountUpdater = 61;
    private long diffRatioUpdater;
    private final int[] statReady = new int[STAT_IT];
    private final int[] statWaiting = new int[STAT_IT];
    private final int[] statTotal = new int[STAT_IT];
    /** Cumulative dials and drops at the end of each of the last 60 loops, for the one-minute figures. */
    private final long[] dialsAt = new long[61];
    private final long[] dropsAt = new long[61];

    private long callsToday;
    private double dropsAnswersTodayPct;
    private long callsOne;
    private double dropsOnePct;

    /** VICIdial's defaults for ADAPT_TAPERED with a 3 % drop limit, starting at dial level 1.0. */
    public VicidialAdaptiveDialing() {
        this(3.0, 3.0, 2100, 0, 0, 1.0);
    }

    /**
     * @param adaptiveDroppedPercentage {@code adaptive_dropped_percentage}, percent
     * @param adaptiveMaximumLevel      {@code adaptive_maximum_level}
     * @param adaptiveLatestServerTime  {@code adaptive_latest_server_time}, HHMM
     * @param adaptiveIntensity         {@code adaptive_intensity}, -40..40
     * @param adaptiveDlDiffTarget      {@code adaptive_dl_diff_target}
     * @param autoDialLevel             the starting {@code auto_dial_level}
     */
    public VicidialAdaptiveDialing(double adaptiveDroppedPercentage, double adaptiveMaximumLevel,
                                   int adaptiveLatestServerTime, int adaptiveIntensity, int adaptiveDlDiffTarget,
                                   double autoDialLevel) {
        if (!(adaptiveDroppedPercentage > 0 && adaptiveMaximumLevel >= 1 && autoDialLevel >= 1)) {
            throw new IllegalArgumentException("drop percentage must be > 0 and levels >= 1, was "
                    + adaptiveDroppedPercentage + ", " + adaptiveMaximumLevel + ", " + autoDialLevel);
        }
        this.adaptiveDroppedPercentage = adaptiveDroppedPercentage;
        this.adaptiveMaximumLevel = adaptiveMaximumLevel;
        this.adaptiveLatestServerTime = adaptiveLatestServerTime;
        this.adaptiveIntensity = adaptiveIntensity;
        this.adaptiveDlDiffTarget = adaptiveDlDiffTarget;
        this.autoDialLevel = autoDialLevel;
    }

    @Override
    public String name() {
        return "VICIdial";
    }

    /** The dial level as the last {@code calculate_dial_level} left it. */
    public double dialLevel() {
        return autoDialLevel;
    }

    @Override
    public int callsToStart(PacingSnapshot snapshot, Instant now) {
        long ms = now.toEpochMilli();
        long second = Math.floorDiv(ms, 1000);
        if (nextAdaptSecond == Long.MIN_VALUE) {
            nextAdaptSecond = second;
            nextAutoDialAt = ms;
        }
        while (second >= nextAdaptSecond) {
            adaptLoop(snapshot, now);
            nextAdaptSecond++;
        }
        if (ms < nextAutoDialAt) {
            return 0;
        }
        while (nextAutoDialAt <= ms) {
            nextAutoDialAt += AUTO_DIAL_LOOP_MS;
        }
        return autoDialLoop(snapshot);
    }

    /** One pass of {@code AST_VDauto_dial.pl}'s loop for this campaign: the calls to place. */
    private int autoDialLoop(PacingSnapshot s) {
        int count = 0;
        for (Outlook.Operator o : s.outlook().operators()) {
            if (o.activity() != Outlook.Activity.WRAP_UP) {
                count++;
            }
        }
        count = Math.max(0, count + adaptiveDlDiffTarget);
        long goalCalls = (long) Math.rint(autoDialLevel * count); // sprintf("%.0f")
        return (int) Math.max(0, goalCalls - s.calls().inFlight());
    }

    /** One pass of {@code AST_VDadapt.pl}'s master loop for this campaign. */
    private void adaptLoop(PacingSnapshot s, Instant now) {
        Outlook outlook = s.outlook();
        int ready = 0;
        for (Outlook.Operator o : outlook.operators()) {
            if (o.activity() == Outlook.Activity.READY) {
                ready++;
            }
        }
        int waiting = 0;
        for (Outlook.Call c : outlook.calls()) {
            if (c.answeredAt() != null) {
                waiting++;
            }
        }
        // count_agents_lines
        int slot = (statCount - 1) % STAT_IT;
        statReady[slot] = ready;
        statWaiting[slot] = waiting;
        statTotal[slot] = outlook.operators().size();
        int statIt = Math.min(statCount, STAT_IT);
        double readyAvg = 0;
        double waitingAvg = 0;
        double totalAvg = 0;
        for (int i = 0; i < statIt; i++) {
            readyAvg += statReady[i];
            waitingAvg += statWaiting[i];
            totalAvg += statTotal[i];
        }
        readyAvg /= statIt;
        waitingAvg /= statIt;
        totalAvg /= statIt;
        double differential = readyAvg - waitingAvg;

        long dials = s.recent().ended() + s.calls().inFlight();
        long drops = outlook.abandonment().today().abandoned();
        int minuteSlot = statCount % dialsAt.length;
        dialsAt[minuteSlot] = dials;
        dropsAt[minuteSlot] = drops;

        boolean resetDrops = false;
        boolean resetDiff = false;
        if (totalAvg > 0) {
            if (dropCountUpdater >= 60) {
                calculateDrops(dials, outlook.abandonment().today(), minuteSlot);
                resetDrops = true;
            }
            if (diffRatioUpdater >= 15) {
                calculateDialLevel(differential, totalAvg, now);
                resetDiff = true;
            }
        }
        if (resetDiff) {
            diffRatioUpdater = 0;
        }
        if (resetDrops) {
            dropCountUpdater = 0;
        }
        diffRatioUpdater++;
        dropCountUpdater++;
        statCount++;
    }

    private void calculateDrops(long dials, Outlook.Tally today, int minuteSlot) {
        callsToday = dials;
        long answers = Math.max(1, today.liveAnswered());
        dropsAnswersTodayPct = today.abandoned() > 0 ? round(100.0 * today.abandoned() / answers, 2) : 0;
        int minuteAgo = (minuteSlot + 1) % dialsAt.length; // 60 loops back (0 before the first minute)
        callsOne = dials - (statCount > 60 ? dialsAt[minuteAgo] : 0);
        long dropsOne = today.abandoned() - (statCount > 60 ? dropsAt[minuteAgo] : 0);
        dropsOnePct = callsOne > 0 && dropsOne > 0 ? round(100.0 * dropsOne / callsOne, 2) : 0;
    }

    private void calculateDialLevel(double differentialOnemin, double agentsAverageOnemin, Instant now) {
        double differentialTarget = differentialOnemin + adaptiveDlDiffTarget;
        double differentialMul = differentialTarget != 0 && agentsAverageOnemin != 0
                ? differentialTarget / agentsAverageOnemin : 0;
        double differentialPctRaw = differentialMul * 100;
        double intensityMul = adaptiveIntensity / 100.0;
        double intensityDiff = differentialPctRaw < 0
                ? differentialPctRaw * Math.abs(intensityMul - 1)
                : differentialPctRaw * (intensityMul + 1);
        double level = round(autoDialLevel * (intensityDiff / 100 + 1), 3);
        if (level > adaptiveMaximumLevel) {
            level = adaptiveMaximumLevel;
        }
        if (level < 1) {
            level = 1.0;
        }
        // DROP PERCENTAGE RULES TO LOWER DIAL_LEVEL
        if (callsOne > 20 && dropsOnePct > 50) {
            level = level / 2;
        }
        if (callsToday > 50 && dropsAnswersTodayPct > adaptiveDroppedPercentage) {
            ZonedDateTime server = now.atZone(ZoneOffset.UTC);
            int currentHourmin = server.getHour() * 100 + server.getMinute();
            int taperedHoursLeft = adaptiveLatestServerTime - currentHourmin;
            double taperedRate = taperedHoursLeft > 1000 ? 1 : taperedHoursLeft / 1000.0;
            level = taperedHoursLeft < 0 ? 1.0 : level * taperedRate;
        }
        if (level < 1) {
            level = 1.0;
        }
        autoDialLevel = level;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.rint(value * scale) / scale;
    }
}
