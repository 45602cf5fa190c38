package org.outdial.api.unitalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Json;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.ClientCalledMode;
import org.outdial.engine.campaign.CrmMode;
import org.outdial.engine.campaign.DynamicValue;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;

/** UniTalk's task strings are read here, into the engine's typed draft, with the seed's messages. */
class TaskRequestTest {

    private static CampaignDraft draft(Consumer<ObjectNode> change) {
        ObjectNode task = AutodialActionTest.task();
        change.accept(task);
        return TaskRequest.forAdd(Json.mapper().convertValue(task, TaskRequest.class));
    }

    private static void refused(String message, Consumer<ObjectNode> change) {
        HttpException e = assertThrows(HttpException.class, () -> draft(change));
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }

    @Test
    void theStringsBecomeTypedValues() {
        CampaignDraft draft = draft(t -> {
            t.put("timeZone", "Europe/Kyiv").put("delay", 2).put("markAsBusySeconds", 60);
            t.withArray("timeTo").set(6, "24:00");
            t.withArray("timeFrom").setNull(5);
            t.withArray("timeTo").setNull(5);
            t.putObject("triggerActions").putArray("AUTODIAL_FINISH").add(7);
            t.putObject("repeatCallsSettings").putObject("statesSettings").putObject("ANSWER")
                    .put("attempts", 2).put("intervalMinutes", 15).put("secondsThreshold", 20);
            t.withObject("compositeAudio").withArray("multiAudios").addObject()
                    .putObject("synthesisFromDynamicValue").put("dynamicValue", "P10");
        });

        assertEquals(CampaignType.AUTODIAL, draft.autodialerType());
        assertEquals(CampaignMode.FIXED, draft.autodialerMode());
        assertEquals(LocalDate.of(2026, 1, 1), draft.startDate());
        assertEquals(LocalTime.of(9, 0), draft.timeFrom().get(0));
        assertNull(draft.timeFrom().get(5), "a null day stays a day without calls");
        assertEquals(LocalTime.MAX, draft.timeTo().get(6), "24:00 is the end of the day");
        assertEquals(ZoneId.of("Europe/Kyiv"), draft.timeZone());
        assertEquals(CrmMode.DONT_SEND, draft.crmMode());
        assertEquals(ClientCalledMode.NEVER, draft.clientCalledMode());
        assertEquals(Duration.ofSeconds(2), draft.delay());
        assertEquals(Duration.ofSeconds(60), draft.markAsBusy());
        assertEquals(Map.of(TriggerEvent.AUTODIAL_FINISH, List.of(7L)), draft.triggerActions());
        assertEquals(new CampaignDraft.StateRepeatDraft(2, Duration.ofMinutes(15), Duration.ofSeconds(20)),
                draft.repeatCallsSettings().statesSettings().get(NumberState.ANSWER));
        assertEquals(Duration.ofMillis(500), draft.compositeAudio().get(0).silence());
        assertEquals(DynamicValue.P10, draft.compositeAudio().get(1).synthesis().dynamicValue());
    }

    @Test
    void absentFieldsStayAbsentForTheEngineToJudge() {
        CampaignDraft draft = draft(t -> t.remove(List.of("autodialerType", "crmMode", "startDate", "compositeAudio")));

        assertNull(draft.autodialerType());
        assertNull(draft.crmMode());
        assertNull(draft.startDate());
        assertNull(draft.compositeAudio());
        assertNull(TaskRequest.forAdd(null), "no task: the engine answers \"task is null\"");
    }

    @Test
    void textThatIsNotInUniTalksFormIsRefusedWithTheSeedsMessage() {
        refused("Wrong autodialerType: ROBOCALL", t -> t.put("autodialerType", "ROBOCALL"));
        refused("Wrong autodialerMode: FAST", t -> t.put("autodialerMode", "FAST"));
        refused("Wrong dates", t -> t.put("startDate", "01.01.2026"));
        refused("Wrong dates", t -> t.put("endDate", "2027-02-30"));
        refused("Wrong time ranges", t -> t.withArray("timeFrom").set(0, "9am"));
        refused("Wrong time ranges", t -> t.withArray("timeTo").set(3, "25:00"));
        refused("Wrong time zone", t -> t.put("timeZone", "Mars/Olympus"));
        refused("Wrong crmMode: SOMETIMES", t -> t.put("crmMode", "SOMETIMES"));
        refused("Wrong clientCalledMode: MAYBE", t -> t.put("clientCalledMode", "MAYBE"));
        refused("Wrong trigger action event", t -> t.putObject("triggerActions").putArray("NOT_AN_EVENT").add(1));
        refused("Repeat call state is not allowed", t -> t.putObject("repeatCallsSettings").putObject("statesSettings")
                .putObject("RINGING").put("attempts", 1));
    }

    @Test
    void updateDoesNotReadTheTypeWhichTheSeedIgnoresThere() {
        ObjectNode task = AutodialActionTest.task().put("autodialerType", "ROBOCALL");

        CampaignDraft draft = TaskRequest.forUpdate(Json.mapper().convertValue(task, TaskRequest.class));

        assertNull(draft.autodialerType());
        assertEquals(CampaignMode.FIXED, draft.autodialerMode());
    }

    @Test
    void namesTheEngineJudgesInContextArePassedOnAsAbsent() {
        CampaignDraft draft = draft(t -> {
            t.putArray("repeatCallStates").add("BUSY").add("LATER");
            t.withObject("compositeAudio").withArray("multiAudios").addObject()
                    .putObject("synthesisFromDynamicValue").put("dynamicValue", "P11");
        });

        assertEquals(Arrays.asList(NumberState.BUSY, null), draft.legacyRepeat().states(),
                "refused by the engine only while repeatCallAttempts turns repeats on");
        assertNull(draft.compositeAudio().get(1).synthesis().dynamicValue(),
                "refused by the engine as \"compositeAudio: synthesis dynamicValue is null\", as before");
    }
}
