package org.outdial.engine.campaign;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.outdial.engine.number.NumberState;

/**
 * Valid campaign drafts for tests, to change by name: {@code autodial().threadCount(3).build()}.
 * Each starts as an AUTODIAL in FIXED mode with one thread, open 09:00-19:00 every day from
 * 2026-01-01 to 2030-12-31 in Europe/Kyiv, playing 200 ms of silence, under a fresh name.
 */
public final class CampaignDrafts {

    public static final LocalDate START = LocalDate.of(2026, 1, 1);
    public static final LocalDate END = LocalDate.of(2030, 12, 31);
    public static final ZoneId ZONE = ZoneId.of("Europe/Kyiv");

    private CampaignDrafts() {
    }

    public static CampaignDraft.Builder autodial() {
        return CampaignDraft.builder()
                .name("c-" + UUID.randomUUID().toString().substring(0, 8))
                .autodialerType(CampaignType.AUTODIAL)
                .autodialerMode(CampaignMode.FIXED)
                .startDate(START)
                .endDate(END)
                .timeFrom(everyDay(LocalTime.of(9, 0)))
                .timeTo(everyDay(LocalTime.of(19, 0)))
                .timeZone(ZONE)
                .compositeAudio(List.of(silence(Duration.ofMillis(200))))
                .crmMode(CrmMode.DONT_SEND)
                .clientCalledMode(ClientCalledMode.NEVER)
                .threadCount(1);
    }

    /** A GUARANTEED_DIAL in FREE mode that connects to {@code lines}. */
    public static CampaignDraft.Builder guaranteedDial(String... lines) {
        return autodial()
                .autodialerType(CampaignType.GUARANTEED_DIAL)
                .autodialerMode(CampaignMode.FREE)
                .compositeAudio(null)
                .threadCount(null)
                .pseudoGroupOperators(List.of(lines));
    }

    /** The same time every day of the week. */
    public static List<LocalTime> everyDay(LocalTime time) {
        return Collections.nCopies(7, time);
    }

    public static CampaignDraft.AudioPartDraft silence(Duration length) {
        return new CampaignDraft.AudioPartDraft(null, length, null);
    }

    public static CampaignDraft.AudioPartDraft audio(long id) {
        return new CampaignDraft.AudioPartDraft(id, null, null);
    }

    /** repeatCallsSettings with one rule: {@code attempts} more calls, {@code interval} apart. */
    public static CampaignDraft.RepeatDraft repeat(NumberState state, int attempts, Duration interval) {
        return new CampaignDraft.RepeatDraft(true, false,
                Map.of(state, new CampaignDraft.StateRepeatDraft(attempts, interval, null)));
    }
}
