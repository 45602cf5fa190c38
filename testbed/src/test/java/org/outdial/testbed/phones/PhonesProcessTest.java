package org.outdial.testbed.phones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.sipp.SippReport;

/** The phones as their own process, for the demo, against SIPp's registrar. */
class PhonesProcessTest {

    @Test
    void processRegistersEveryPhoneSaysSoAndUnregistersAndPrintsStatsAtExit(@TempDir Path dir) throws Exception {
        SippReport report;
        String stats;
        try (SippProcess registrar = SippProcess.uas(Sipp.scenario("registrar.xml"), Duration.ofSeconds(60),
                "-trace_logs", "-deadcall_wait", "1")) {
            PhonesProcess phones = PhonesProcess.start("127.0.0.1", registrar.sipPort(), 2001, 4,
                    dir.resolve("phones.log"), Duration.ofSeconds(20), "--talk", "wait");
            try (phones) {
                assertTrue(phones.output().contains("phones registered: 4 lines 2001-2004"), phones.output());
                assertEquals("", phones.statsAtExit());
            }
            assertFalse(phones.isAlive());
            stats = phones.statsAtExit();
            report = registrar.stop();
        }
        assertTrue(stats.contains("2004: offered 0") && stats.contains("all 4 phones"), stats);
        List<String> ok = new ArrayList<>();
        for (String line : report.output().split("\n")) {
            if (line.startsWith("AUTH-OK")) {
                ok.add(line.strip());
            }
        }
        for (int line = 2001; line <= 2004; line++) {
            assertTrue(ok.contains("AUTH-OK " + line + " Expires: 120") && ok.contains("AUTH-OK " + line + " Expires: 0"),
                    "registered and removed " + line + ": " + ok);
        }
    }

    @Test
    void processThatCannotRegisterFailsToStartWithTheReason(@TempDir Path dir) throws Exception {
        try (SippProcess registrar = SippProcess.uas(Sipp.scenario("registrar.xml"), Duration.ofSeconds(60),
                "-deadcall_wait", "1")) {
            IOException e = assertThrows(IOException.class, () -> PhonesProcess.start("127.0.0.1", registrar.sipPort(),
                    3001, 2, dir.resolve("phones.log"), Duration.ofSeconds(2), "--password-prefix", "wrong"));
            assertTrue(e.getMessage().contains("0 of 2 registered"), e.getMessage());
            assertTrue(Files.readString(dir.resolve("phones.log")).contains("3001 (last 403)"));
        }
    }
}
