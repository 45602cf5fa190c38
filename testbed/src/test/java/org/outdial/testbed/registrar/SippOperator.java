package org.outdial.testbed.registrar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;

/**
 * SIPp as an operator's phone: {@code testbed/sipp/operator.xml} registers one line to Outdial
 * and {@code operator-calls.xml} answers what Outdial sends to the binding (OPTIONS, INVITE).
 */
final class SippOperator {

    private SippOperator() {
    }

    /**
     * Starts SIPp registering {@code line} to Outdial on 127.0.0.1:{@code outdialPort}.
     *
     * @param expected the status SIPp expects to its REGISTER (200, 401 or 404); any other fails its call
     * @param hold     how long it stays registered after a 200 before it un-REGISTERs
     */
    static SippProcess register(int outdialPort, String line, String password, int expected, Duration hold,
                                int expires, String... extra) {
        Path csv;
        try {
            csv = Files.createTempFile("outdial-operator-", ".csv");
            Files.writeString(csv, "SEQUENTIAL\n" + expected + ";" + hold.toMillis() + "\n");
            csv.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("-sf", Sipp.scenario("operator.xml").toString(),
                "-oocsf", Sipp.scenario("operator-calls.xml").toString(), "-inf", csv.toString(),
                "-s", line, "-au", line, "-ap", password, "-key", "expires", Integer.toString(expires), "-m", "1", "-l", "1"));
        args.addAll(List.of(extra));
        return SippProcess.uac("127.0.0.1:" + outdialPort, hold.plusSeconds(30), args);
    }
}
