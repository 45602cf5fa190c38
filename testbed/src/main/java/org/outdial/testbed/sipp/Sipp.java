package org.outdial.testbed.sipp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where SIPp and Outdial's scenarios are. */
public final class Sipp {

    private Sipp() {
    }

    /**
     * The {@code sipp} binary on PATH.
     *
     * @throws IllegalStateException when it is missing: a test that needs SIPp must fail, never skip
     */
    public static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "sipp");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("sipp is not installed (not on PATH). Install the Debian package "
                + "sip-tester (apt-get install sip-tester), or run ./outdial test, which installs it when run as root.");
    }

    /**
     * A scenario file from {@code testbed/sipp/}, found from the working directory: the project root
     * ({@code ./outdial bench}) or the testbed module (Maven's test runs).
     */
    public static Path scenario(String fileName) {
        List<Path> tried = new ArrayList<>();
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("sipp").resolve(fileName),
                    dir.resolve("testbed").resolve("sipp").resolve(fileName))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new IllegalStateException("SIPp scenario " + fileName + " not found; looked at " + tried);
    }

    /** The SIPp version line, for reports. */
    public static String version() {
        try {
            Process p = new ProcessBuilder(executable().toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                if (line.contains("SIPp v")) {
                    return line.strip();
                }
            }
            return "SIPp (version unknown)";
        } catch (IOException e) {
            return "SIPp (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "SIPp (version unknown)";
        }
    }
}
