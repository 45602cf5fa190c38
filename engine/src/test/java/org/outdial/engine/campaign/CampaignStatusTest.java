package org.outdial.engine.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.outdial.engine.campaign.CampaignEvent.*;
import static org.outdial.engine.campaign.CampaignStatus.*;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.error.EngineException;

/** Every cell of the status table: the next status, or the refusal the seed gives. */
class CampaignStatusTest {

    /** The expected next status per (status, event); a missing cell is an illegal transition. */
    private static final Map<CampaignStatus, Map<CampaignEvent, CampaignStatus>> TABLE = new EnumMap<>(CampaignStatus.class);

    private static void row(CampaignStatus from, Object... pairs) {
        Map<CampaignEvent, CampaignStatus> row = new EnumMap<>(CampaignEvent.class);
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((CampaignEvent) pairs[i], (CampaignStatus) pairs[i + 1]);
        }
        TABLE.put(from, row);
    }

    static {
        row(NO_NUMBERS, PAUSE, NO_NUMBERS, UNPAUSE, NO_NUMBERS, CANCEL, NO_NUMBERS, NUMBERS_ADDED, WAITING,
                NUMBERS_REFRESHED, WAITING, NUMBERS_EMPTIED, NO_NUMBERS, WINDOW_CLOSED, NO_NUMBERS,
                END_DATE_PASSED, NO_NUMBERS);
        for (CampaignStatus running : new CampaignStatus[] {WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT}) {
            row(running, PAUSE, PAUSED, UNPAUSE, running, CANCEL, CANCELED, NUMBERS_ADDED, running,
                    NUMBERS_REFRESHED, running, NUMBERS_EMPTIED, NO_NUMBERS, DIALING_STARTED, IN_PROGRESS,
                    WINDOW_CLOSED, WAITING, ONLY_REPEATS_LEFT, WAITING_REPEAT, NO_FREE_OPERATORS, WAITING_OPERATORS,
                    COMPLETED, FINISHED, END_DATE_PASSED, CANCELED);
        }
        row(PAUSED, PAUSE, PAUSED, UNPAUSE, WAITING, CANCEL, CANCELED, NUMBERS_ADDED, PAUSED,
                NUMBERS_REFRESHED, PAUSED, NUMBERS_EMPTIED, PAUSED, WINDOW_CLOSED, PAUSED, END_DATE_PASSED, CANCELED);
        row(CANCELED, NUMBERS_ADDED, CANCELED, NUMBERS_REFRESHED, CANCELED, NUMBERS_EMPTIED, CANCELED,
                WINDOW_CLOSED, CANCELED, COMPLETED, FINISHED, END_DATE_PASSED, CANCELED);
        row(FINISHED, NUMBERS_ADDED, WAITING, NUMBERS_REFRESHED, WAITING, NUMBERS_EMPTIED, FINISHED,
                WINDOW_CLOSED, FINISHED, COMPLETED, FINISHED, END_DATE_PASSED, FINISHED);
    }

    @Test
    void everyStatusTakesEveryEventAsTheTableSays() {
        for (CampaignStatus from : CampaignStatus.values()) {
            for (CampaignEvent event : CampaignEvent.values()) {
                CampaignStatus expected = TABLE.get(from).get(event);
                if (expected != null) {
                    assertEquals(expected, from.on(event), from + " on " + event);
                } else if (isUserCommand(event)) {
                    EngineException refused = assertThrows(EngineException.class, () -> from.on(event),
                            from + " on " + event);
                    assertEquals(from == FINISHED ? "Task is finished" : "Task is canceled", refused.getMessage());
                    assertEquals(EngineException.Kind.CONFLICT, refused.kind());
                } else {
                    IllegalStateException bug = assertThrows(IllegalStateException.class, () -> from.on(event),
                            from + " on " + event);
                    assertEquals("autodialer in status " + from + " cannot take event " + event, bug.getMessage());
                }
            }
        }
    }

    @Test
    void pauseUnpauseAndCancelOfAFinishedOrCanceledTaskAreRefusedWithTheSeedsMessages() {
        for (CampaignEvent command : new CampaignEvent[] {PAUSE, UNPAUSE, CANCEL}) {
            assertEquals("Task is finished", assertThrows(EngineException.class, () -> FINISHED.on(command)).getMessage());
            assertEquals("Task is canceled", assertThrows(EngineException.class, () -> CANCELED.on(command)).getMessage());
        }
    }

    @Test
    void onlyTheRunningStatusesMayDial() {
        for (CampaignStatus status : CampaignStatus.values()) {
            boolean running = status == WAITING || status == IN_PROGRESS || status == WAITING_OPERATORS
                    || status == WAITING_REPEAT;
            assertEquals(running, status.active(), status.name());
        }
    }

    private static boolean isUserCommand(CampaignEvent event) {
        return event == PAUSE || event == UNPAUSE || event == CANCEL;
    }
}
