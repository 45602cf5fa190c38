package org.outdial.engine.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.outdial.engine.campaign.TaskEvent.*;
import static org.outdial.engine.campaign.TaskStatus.*;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.error.EngineException;

/** Every cell of the status table: the next status, or the refusal the seed gives. */
class TaskStatusTest {

    /** The expected next status per (status, event); a missing cell is an illegal transition. */
    private static final Map<TaskStatus, Map<TaskEvent, TaskStatus>> TABLE = new EnumMap<>(TaskStatus.class);

    private static void row(TaskStatus from, Object... pairs) {
        Map<TaskEvent, TaskStatus> row = new EnumMap<>(TaskEvent.class);
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((TaskEvent) pairs[i], (TaskStatus) pairs[i + 1]);
        }
        TABLE.put(from, row);
    }

    static {
        row(NO_NUMBERS, PAUSE, NO_NUMBERS, UNPAUSE, NO_NUMBERS, CANCEL, NO_NUMBERS, NUMBERS_ADDED, WAITING,
                NUMBERS_REFRESHED, WAITING, NUMBERS_EMPTIED, NO_NUMBERS, WINDOW_CLOSED, NO_NUMBERS,
                END_DATE_PASSED, NO_NUMBERS);
        for (TaskStatus running : new TaskStatus[] {WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT}) {
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
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskEvent event : TaskEvent.values()) {
                TaskStatus expected = TABLE.get(from).get(event);
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
        for (TaskEvent command : new TaskEvent[] {PAUSE, UNPAUSE, CANCEL}) {
            assertEquals("Task is finished", assertThrows(EngineException.class, () -> FINISHED.on(command)).getMessage());
            assertEquals("Task is canceled", assertThrows(EngineException.class, () -> CANCELED.on(command)).getMessage());
        }
    }

    @Test
    void onlyTheRunningStatusesMayDial() {
        for (TaskStatus status : TaskStatus.values()) {
            boolean running = status == WAITING || status == IN_PROGRESS || status == WAITING_OPERATORS
                    || status == WAITING_REPEAT;
            assertEquals(running, status.active(), status.name());
        }
    }

    private static boolean isUserCommand(TaskEvent event) {
        return event == PAUSE || event == UNPAUSE || event == CANCEL;
    }
}
