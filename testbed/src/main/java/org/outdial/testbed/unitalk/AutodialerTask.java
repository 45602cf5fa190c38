package org.outdial.testbed.unitalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The {@code task} object of an {@code ADD} request (seed 004, "Autodialer" fields), with what
 * the testbed's campaigns share as defaults: an AUTODIAL campaign in FIXED mode, 10 lines, open
 * every day around the clock from 2020-01-01 to 2099-12-31, no CRM, every number called however
 * often it was called before, playing half a second of silence.
 *
 * <pre>{@code
 * long id = api.add(AutodialerTask.autodial("retries").threads(2).silence(Duration.ofSeconds(1)));
 * }</pre>
 */
public final class AutodialerTask {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode task = JSON.createObjectNode();

    private AutodialerTask(String name) {
        task.put("name", name).put("autodialerType", "AUTODIAL").put("autodialerMode", "FIXED").put("threadCount", 10)
                .put("startDate", "2020-01-01").put("endDate", "2099-12-31")
                .put("crmMode", "DONT_SEND").put("clientCalledMode", "NEVER");
        everyDay("00:00", "24:00");
        silence(Duration.ofMillis(500));
    }

    /** An AUTODIAL/FIXED campaign named {@code name}, with the defaults above. */
    public static AutodialerTask autodial(String name) {
        return new AutodialerTask(name);
    }

    /** {@code threadCount}: calls in flight at most. */
    public AutodialerTask threads(int threadCount) {
        task.put("threadCount", threadCount);
        return this;
    }

    /** Open from {@code from} to {@code to} ("HH:mm", "24:00" for midnight) on all seven days. */
    public AutodialerTask everyDay(String from, String to) {
        ArrayNode froms = task.putArray("timeFrom");
        ArrayNode tos = task.putArray("timeTo");
        for (int day = 0; day < 7; day++) {
            froms.add(from);
            tos.add(to);
        }
        return this;
    }

    /** {@code startDate} and {@code endDate}. */
    public AutodialerTask dates(LocalDate start, LocalDate end) {
        task.put("startDate", start.toString()).put("endDate", end.toString());
        return this;
    }

    /** The zone the calling window is in. */
    public AutodialerTask timeZone(ZoneId zone) {
        task.put("timeZone", zone.getId());
        return this;
    }

    /** Plays {@code length} of silence to whoever answers, instead of an audio file. */
    public AutodialerTask silence(Duration length) {
        task.putObject("compositeAudio").putArray("multiAudios").addObject().put("silenceMillis", length.toMillis());
        return this;
    }

    /** Plays the uploaded audio {@code audioId} to whoever answers. */
    public AutodialerTask audio(long audioId) {
        task.putObject("compositeAudio").putArray("multiAudios").addObject().put("id", audioId);
        return this;
    }

    /** {@code repeatCallsSettings}, as the seed spells it; null leaves it out (no retries). */
    public AutodialerTask repeatCalls(ObjectNode repeatCallsSettings) {
        if (repeatCallsSettings == null) {
            task.remove("repeatCallsSettings");
        } else {
            task.set("repeatCallsSettings", repeatCallsSettings);
        }
        return this;
    }

    /** Any other whole-number field of the task, such as {@code callDelay} or {@code delay}. */
    public AutodialerTask with(String field, long value) {
        task.put(field, value);
        return this;
    }

    /** Any other text field of the task, such as {@code autodialerType} or {@code autodialerMode}. */
    public AutodialerTask with(String field, String value) {
        task.put(field, value);
        return this;
    }

    /** Any other fractional field, such as {@code coldBaseStartCallsMultiplier}. */
    public AutodialerTask with(String field, double value) {
        task.put(field, value);
        return this;
    }

    /** Any other flag, such as {@code reservedSipsBusyOnlyForAutodials}. */
    public AutodialerTask with(String field, boolean value) {
        task.put(field, value);
        return this;
    }

    /** A copy of the task object as it goes on the wire. */
    public ObjectNode json() {
        return task.deepCopy();
    }
}
