package org.outdial.testbed.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.operator.OperatorState;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.audio.WavDecoder;

class DemoPartsTest {

    @Test
    void numbersAreDistinctValidUkrainianMobilesAndTheSameEveryRun() throws Exception {
        List<String> numbers = DemoCommand.numbers(1000);
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

        assertEquals(1000, new HashSet<>(numbers).size());
        for (String n : numbers) {
            assertTrue(n.startsWith("+38067") && n.length() == 13, n);
            assertTrue(phones.isValidNumber(phones.parse(n, null)), n + " is valid");
        }
        assertEquals(numbers, DemoCommand.numbers(1000));
    }

    @Test
    void melodyIsAWavFileOfAboutOneAndAHalfSeconds() {
        AudioSource chime = WavDecoder.decode(DemoMelody.wav(), "chime.wav");

        long millis = chime.duration().toMillis();
        assertTrue(millis >= 1400 && millis <= 1500, "duration " + millis + " ms");
    }

    @Test
    void progressLineShowsTimeStatusDoneAndEveryStateButNew() {
        CampaignSnapshot s = new CampaignSnapshot("IN_PROGRESS", 1000, 250, 250,
                ordered("NEW", 700L, "ANSW_RJCT", 140L, "DIALING", 50L, "BUSY", 30L));

        String line = ProgressView.line(Duration.ofSeconds(75), s);

        assertEquals(" 1:15  IN_PROGRESS   [#####...............]   250/1000  ANSW_RJCT 140  DIALING 50  BUSY 30", line);
    }

    @Test
    void progressLineStaysOneLineWhateverTheStates() {
        Map<String, Long> many = new LinkedHashMap<>();
        for (String state : List.of("ANSW_RJCT", "NOANSWER", "BUSY", "FAIL", "NOT_EXIST", "BUSYOUT", "WRONG_DIR",
                "AUDIO_ERR", "DIALING", "CANCEL", "AUTOCANCEL", "UNREACHABLE")) {
            many.put(state, 100_000L);
        }
        String line = ProgressView.line(Duration.ofMinutes(3), new CampaignSnapshot("IN_PROGRESS", 1_000_000, 1_000_000,
                1_000_000, many));

        assertTrue(line.length() <= 160, line.length() + ": " + line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void finalTableHasOneRowPerStateWithShareAndTheSeedsMeaning() {
        CampaignSnapshot s = new CampaignSnapshot("FINISHED", 200, 200, 200,
                ordered("ANSW_RJCT", 110L, "NOANSWER", 60L, "BUSY", 30L));

        String table = ProgressView.table(s);

        assertTrue(table.contains("ANSW_RJCT       110   55.0%  Answered by the subscriber and there was no call to the operators"),
                table);
        assertTrue(table.contains("NOANSWER         60   30.0%  No answer"), table);
        assertTrue(table.contains("total           200          200 done, 200 calls made"), table);
    }

    @Test
    void snapshotReadsGetListsStatisticsLargestStateFirst() throws Exception {
        var task = new ObjectMapper().readTree("""
                {"id":3,"status":"IN_PROGRESS","statistics":{"totalCount":10,"doneCount":4,"repeatCount":0,
                 "callsDoneCount":4,"statesCount":{"NEW":6,"BUSY":1,"ANSW_RJCT":3}}}""");

        CampaignSnapshot s = CampaignSnapshot.of(task);

        assertEquals(new CampaignSnapshot("IN_PROGRESS", 10, 4, 4, ordered("NEW", 6L, "ANSW_RJCT", 3L, "BUSY", 1L)), s);
        assertEquals(List.of("NEW", "ANSW_RJCT", "BUSY"), List.copyOf(s.states().keySet()));
    }

    @Test
    void optionsHaveDefaultsAndRefuseNonsense() {
        DemoOptions defaults = DemoOptions.parse(new String[0], true);
        assertEquals(new DemoOptions(150, 100, false, 1, Duration.ofSeconds(240), true, false, 10), defaults);
        assertEquals(new DemoOptions(1000, 100, false, 1, Duration.ofSeconds(110), false, true, 10),
                DemoOptions.parse(new String[]{"--fixed"}, false), "--fixed keeps the audio demo's defaults");

        DemoOptions set = DemoOptions.parse(new String[]{"--numbers", "20", "--threads", "5", "--keep-running",
                "--plain", "--seed", "9", "--time-cap", "30", "--operators", "4"}, true);
        assertEquals(new DemoOptions(20, 5, true, 9, Duration.ofSeconds(30), false, false, 4), set);
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[]{"--operators", "0"}, false));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[]{"--operators", "51"}, false));

        assertNull(DemoOptions.parse(new String[]{"--help"}, false));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[]{"--numbers", "0"}, false));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[]{"--threads"}, false));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[]{"--fast"}, false));
    }

    @Test
    void progressLineShowsTheOperatorsBeforeTheStates() {
        Map<OperatorState, Integer> counts = new EnumMap<>(OperatorState.class);
        counts.put(OperatorState.READY, 3);
        counts.put(OperatorState.OFFERED, 1);
        counts.put(OperatorState.TALKING, 4);
        counts.put(OperatorState.WRAP_UP, 1);
        counts.put(OperatorState.PAUSED, 1);
        CampaignSnapshot s = new CampaignSnapshot("IN_PROGRESS", 150, 30, 30, ordered("ANSWER", 20L, "BUSY", 10L));

        String line = ProgressView.line(Duration.ofSeconds(42), s, ProgressView.operators(counts));

        assertEquals(" 0:42  IN_PROGRESS   [####................]    30/150  ready 3 ring 1 talk 4 wrap 1 paused 1 |"
                + "  ANSWER 20  BUSY 10", line);
        counts.put(OperatorState.OFFLINE, 2);
        assertTrue(ProgressView.operators(counts).endsWith("paused 1 offline 2"), ProgressView.operators(counts));
    }

    @Test
    void operatorReportGroupsTheHistoryByOperatorBesideThePhonesOwnCounts() throws Exception {
        var json = new ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> history = List.of(
                json.readTree("{\"state\":\"ANSWER\",\"operatorNumber\":\"1001\",\"secondsTalk\":40}"),
                json.readTree("{\"state\":\"ANSWER\",\"operatorNumber\":\"1001\",\"secondsTalk\":25}"),
                json.readTree("{\"state\":\"ANSW_OP_NA\",\"operatorNumber\":\"1002\",\"secondsTalk\":null}"),
                json.readTree("{\"state\":\"NOANSWER\",\"operatorNumber\":null}"));
        String phones = """
                  1001: offered 3, answered 2, refused 1, not answered 0, talk 66 s
                  1002: offered 1, answered 0, refused 0, not answered 1, talk 0 s
                  all 2 phones: offered 4, answered 2, talk 66 s, offered two calls at once 0 times""";

        var byOperator = OperatorReport.byOperator(history);
        String table = OperatorReport.table(List.of("1001", "1002", "1003"), byOperator, OperatorReport.phoneCounts(phones));

        assertEquals(new OperatorReport.Taken(2, 65, 0), byOperator.get("1001"));
        assertEquals(new OperatorReport.Taken(0, 0, 1), byOperator.get("1002"));
        assertTrue(table.contains("  1001     |      2    1:05        0 |       3        2       1         0    1:06"), table);
        assertTrue(table.contains("  1003     |      0    0:00        0 | (not printed)"), table);
        assertTrue(table.contains("  all      |      2    1:05        1 |"), table);
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return map;
    }
}
