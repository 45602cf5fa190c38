package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * Operators who refuse, as SIPp phones ({@code operator-refuses.xml}) beside one who talks
 * ({@code operator-talks.xml}): a 603 Decline counts as an offer not answered and pauses the
 * operator at {@code pauseOperatorNoAnswerLimit}; a 486 Busy Here says the phone is busy with a
 * call Outdial did not give it, which parks the line as busy for a while and never pauses it
 * (docs/DIALER.md, "Refusals"). Offers are counted in the phones' own traces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusingSippOperatorsTest {

    private static final String PASSWORD = "secret-";

    private Path dir;
    private SippProcess callee;
    private OperatorsServer outdial;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("outdial-refusing-");
        callee = SippProcess.callee(Duration.ofMinutes(5));
        outdial = OperatorsServer.start(callee.sipPort(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        try {
            if (outdial != null) {
                outdial.close();
            }
        } finally {
            if (callee != null) {
                callee.close();
            }
        }
    }

    private SippOperators operator(String line, String calls, String... extra) {
        outdial.api.addPhone(line, PASSWORD + line);
        SippOperators phone = SippOperators.start(outdial.sipPort, List.of(line), PASSWORD, dir, calls, List.of(extra));
        Await.until(line + " online", Duration.ofSeconds(10), () -> outdial.api.lineStatus(line).equals("online"));
        return phone;
    }

    private long run(String name, List<String> lines, int limit, String prefix) {
        long id = outdial.api.add(AutodialerTask.autodial(name).with("autodialerType", "GUARANTEED_DIAL")
                .with("autodialerMode", "FREE").with("groupId", outdial.api.addGroup(name, lines))
                .with("pauseOperatorNoAnswerLimit", limit).with("markAsBusySeconds", 0));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            numbers.add(prefix + String.format("%02d", i) + "0001");
        }
        outdial.api.addNumbers(id, numbers);
        Await.until(name + " FINISHED", Duration.ofSeconds(60), () -> outdial.api.status(id).equals("FINISHED"));
        return id;
    }

    private Map<String, Long> answeredBy(long id) {
        Map<String, Long> answered = new TreeMap<>();
        for (JsonNode call : outdial.history(id)) {
            assertEquals("ANSWER", call.path("state").asText(), call::toString);
            answered.merge(call.path("operatorNumber").asText(), 1L, Long::sum);
        }
        return answered;
    }

    @Test
    void anOperatorWhoDeclinesIsPausedAtTheLimitAndOfferedNoMore() {
        try (SippOperators decliner = operator("5201", "operator-refuses.xml", "-key", "refusal", "603");
             SippOperators talker = operator("5202", "operator-talks.xml")) {
            long id = run("declines", List.of("5201", "5202"), 2, "380671");

            assertEquals(Map.of("5202", 10L), answeredBy(id));
            List<ShortMessages.SipCall> offers = decliner.calls("5201");
            assertEquals(2, offers.size(), "offered up to the limit, then no more: " + offers);
            assertFalse(offers.stream().anyMatch(ShortMessages.SipCall::answered));
            assertEquals("PAUS", outdial.workStatus("5201"));
            assertEquals(1, outdial.events(id).stream().filter("AUTODIAL_USER_PAUSED"::equals).count(),
                    outdial.events(id)::toString);
        }
    }

    @Test
    void anOperatorWhosePhoneSaysBusyHereIsParkedAsBusyButNeverPaused() {
        try (SippOperators busy = operator("5301", "operator-refuses.xml", "-key", "refusal", "486");
             SippOperators talker = operator("5302", "operator-talks.xml")) {
            long id = run("busy here", List.of("5301", "5302"), 1, "380672");

            assertEquals(Map.of("5302", 10L), answeredBy(id));
            assertEquals(1, busy.calls("5301").size(), "one 486, then parked for 30 s: " + busy.calls("5301"));
            assertEquals("WORK", outdial.workStatus("5301"), "a 486 is not an unanswered offer");
            assertFalse(outdial.events(id).contains("AUTODIAL_USER_PAUSED"), outdial.events(id)::toString);
            assertEquals("busy", outdial.api.lineStatus("5301"), "busy elsewhere, within its 30 s");
        }
    }
}
