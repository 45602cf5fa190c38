package org.outdial.testbed.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * What a campaign's own call records (GET_CALLS_HISTORY, docs/API.md) say about the workload
 * {@code ./outdial simulate --campaign ID} simulates: the share of dials a person answered, the
 * time from dial to answer, and the talk time. The simulator's model is a uniform dial to answer
 * and an exponential talk, so the history is fitted to those: the dial-to-answer range is the 5th
 * to 95th percentile of the answered calls' {@code secondsForClientAnswered} (a few outliers do not
 * stretch it), the talk mean is the mean {@code secondsTalk} of calls an operator took.
 *
 * <p>A dial is a record whose call started ({@code secondsDialToClient} not null, seed 004: "May be
 * null if the call was failed by system"); answered by a person are the states a person answered
 * in (ANSWER, ANSW_RJCT, ANSW_NF_OP, ANSW_OP_NA); answering machines count as not answered.
 *
 * @param records         call records read
 * @param dials           of those, calls that started
 * @param answered        of those, answered by a person
 * @param answerRate      answered over dials
 * @param dialToAnswerMin 5th percentile of dial to answer
 * @param dialToAnswerMax 95th percentile of dial to answer
 * @param talks           calls with a talk time
 * @param meanTalk        their mean talk time
 */
public record CampaignHistory(long records, long dials, long answered, double answerRate, Duration dialToAnswerMin,
                              Duration dialToAnswerMax, long talks, Duration meanTalk) {

    /** The most records read: the newest {@value} calls are plenty to fit three figures. */
    public static final int MAX_RECORDS = 50_000;
    private static final int PAGE = 5000;
    private static final Set<String> LIVE_ANSWERED = Set.of("ANSWER", "ANSW_RJCT", "ANSW_NF_OP", "ANSW_OP_NA");

    /** Reads campaign {@code campaignId}'s newest calls (at most {@link #MAX_RECORDS}) through {@code api}. */
    public static CampaignHistory read(UniTalkClient api, long campaignId) {
        List<JsonNode> items = new ArrayList<>();
        int offset = 0;
        while (items.size() < MAX_RECORDS) {
            JsonNode page = api.history(campaignId, PAGE, offset);
            JsonNode got = page.path("items");
            got.forEach(items::add);
            offset += got.size();
            if (got.isEmpty() || offset >= page.path("count").asLong()) {
                break;
            }
        }
        return of(campaignId, items);
    }

    /** The fit of {@code items}, GET_CALLS_HISTORY's records of campaign {@code campaignId}. */
    static CampaignHistory of(long campaignId, List<JsonNode> items) {
        long dials = 0;
        long answered = 0;
        List<Long> toAnswer = new ArrayList<>();
        long talkSum = 0;
        long talks = 0;
        for (JsonNode r : items) {
            boolean person = LIVE_ANSWERED.contains(r.path("state").asText());
            if (!person && r.path("secondsDialToClient").isNull()) {
                continue; // never started: not a dial
            }
            dials++;
            if (!person) {
                continue;
            }
            answered++;
            if (r.path("secondsForClientAnswered").isNumber()) {
                toAnswer.add(r.path("secondsForClientAnswered").asLong());
            }
            if (r.path("secondsTalk").isNumber() && r.path("secondsTalk").asLong() > 0) {
                talkSum += r.path("secondsTalk").asLong();
                talks++;
            }
        }
        if (answered == 0 || toAnswer.isEmpty()) {
            throw new IllegalArgumentException("campaign " + campaignId + " has no call a person answered in its history ("
                    + items.size() + " records); give --answer-rate and --dial-to-answer instead of --campaign");
        }
        if (talks == 0) {
            throw new IllegalArgumentException("campaign " + campaignId + " has no call an operator talked on in its history ("
                    + items.size() + " records); give --talk and the others instead of --campaign");
        }
        Collections.sort(toAnswer);
        return new CampaignHistory(items.size(), dials, answered, (double) answered / dials,
                Duration.ofSeconds(percentile(toAnswer, 0.05)), Duration.ofSeconds(percentile(toAnswer, 0.95)), talks,
                Duration.ofMillis(Math.round(1000.0 * talkSum / talks)));
    }

    /** The nearest-rank percentile {@code p} of sorted {@code values}. */
    private static long percentile(List<Long> values, double p) {
        int rank = (int) Math.ceil(p * values.size());
        return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
    }

    /** One line for the user: what was read and what it gave. */
    public String describe(long campaignId) {
        return String.format(Locale.ROOT, "campaign %d's history: %d records, %d dials, %d answered by a person "
                        + "(answer rate %.1f %%), dial to answer %d-%d s (5th-95th percentile), %d talks, mean %.0f s",
                campaignId, records, dials, answered, 100 * answerRate, dialToAnswerMin.toSeconds(),
                dialToAnswerMax.toSeconds(), talks, meanTalk.toMillis() / 1000.0);
    }
}
