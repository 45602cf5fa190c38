package org.outdial.testbed.baresip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.outdial.media.audio.WavDecoder;
import org.outdial.testbed.phones.ToneHearing;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real softphone for integration tests: Debian's baresip (package {@code baresip-core}, 1.0)
 * registered as one operator line with auto-answer, in a scratch configuration directory, with
 * no sound card: its microphone is the {@code ausine} module (a sine at
 * {@link BaresipSettings#toneHz()}), its speaker is {@code aubridge} to nowhere, and the
 * {@code sndfile} filter writes what it hears to {@code dump-*-dec.wav}, which
 * {@link #heardTones()} analyses. Commands go over {@code ctrl_tcp} (netstring JSON).
 *
 * <p>Always {@link #close()} it (tests use try-with-resources): SIGTERM, on which baresip
 * un-REGISTERs, then SIGKILL after 3 s.
 */
public final class Baresip implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Baresip.class);
    private static final String PACKAGE = "baresip-core";
    private static final Path MODULES = Path.of("/usr/lib/baresip/modules");
    /** Printed once the modules are loaded and the UA listens. */
    private static final String READY = "baresip is ready.";

    private final BaresipSettings settings;
    private final Path dir;
    private final Process process;
    private final int sipPort;
    private final int controlPort;
    private final Path output;
    private boolean closed;

    private Baresip(BaresipSettings settings, Path dir, Process process, int sipPort, int controlPort, Path output) {
        this.settings = settings;
        this.dir = dir;
        this.process = process;
        this.sipPort = sipPort;
        this.controlPort = controlPort;
        this.output = output;
    }

    /**
     * The {@code baresip} binary on PATH, with its modules.
     *
     * @throws BaresipException when missing: a test that needs baresip must fail, never skip
     */
    public static Path executable() {
        return executable(System.getenv().getOrDefault("PATH", ""));
    }

    /** As {@link #executable()}, looking in {@code searchPath} (a PATH value). */
    static Path executable(String searchPath) {
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "baresip");
            if (candidate != null && Files.isExecutable(candidate)) {
                if (!Files.isRegularFile(MODULES.resolve("ausine.so"))) {
                    throw new BaresipException("baresip is at " + candidate + " but its modules are not in " + MODULES
                            + "; install the Debian package " + PACKAGE + " (apt-get install " + PACKAGE + ")");
                }
                return candidate;
            }
        }
        throw new BaresipException("baresip is not installed (not on PATH). Install the Debian package " + PACKAGE
                + " (apt-get install " + PACKAGE + "), or run ./outdial test, which installs it when run as root.");
    }

    /** Writes the configuration, starts baresip and waits until it is ready (not until registered). */
    public static Baresip start(BaresipSettings settings, Duration timeout) {
        Path binary = executable();
        Path dir;
        try {
            dir = Files.createTempDirectory("outdial-baresip-");
            Files.createDirectories(dir.resolve("recordings"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a configuration directory for baresip", e);
        }
        int sip = LoopbackPorts.sipPort();
        int control = LoopbackPorts.tcpPort();
        int rtp = LoopbackPorts.evenRange(20);
        try {
            Files.writeString(dir.resolve("config"), config(dir, sip, control, rtp, settings));
            Files.writeString(dir.resolve("accounts"), account(settings) + "\n");
            // Without these files baresip 1.0 writes its templates, and a template "contacts" adds a buddy.
            Files.writeString(dir.resolve("contacts"), "");
            Files.writeString(dir.resolve("uuid"), java.util.UUID.randomUUID() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write baresip's configuration in " + dir, e);
        }
        Path output = dir.resolve("output.txt");
        Process process;
        try {
            process = new ProcessBuilder(binary.toString(), "-f", dir.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new BaresipException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        LOG.info("started baresip (pid {}) for line {} on 127.0.0.1:{}, registering to {}:{}", process.pid(),
                settings.line(), sip, settings.registrarHost(), settings.registrarPort());
        Baresip baresip = new Baresip(settings, dir, process, sip, control, output);
        try {
            baresip.await("baresip to be ready", timeout, text -> text.contains(READY));
        } catch (RuntimeException e) {
            baresip.close();
            throw e;
        }
        return baresip;
    }

    /** baresip 1.0's configuration keys (its {@code config} template from that release). */
    private static String config(Path dir, int sip, int control, int rtp, BaresipSettings settings) {
        return String.join("\n",
                "poll_method\t\tepoll",
                "net_interface\t\t127.0.0.1",
                "sip_listen\t\t127.0.0.1:" + sip,
                "rtp_ports\t\t" + rtp + "-" + (rtp + 19),
                // ausine makes 48 kHz stereo only; baresip resamples to the codec's 8 kHz mono.
                "audio_source\t\tausine," + settings.toneHz(),
                "ausrc_srate\t\t48000",
                "ausrc_channels\t\t2",
                "audio_player\t\taubridge,outdial-nowhere",
                "audio_alert\t\taubridge,outdial-nowhere",
                "auplay_srate\t\t8000",
                "auplay_channels\t\t1",
                "module_path\t\t" + MODULES,
                "module\t\t\tg711.so",
                "module\t\t\tausine.so",
                "module\t\t\taubridge.so",
                "module\t\t\tsndfile.so",
                "module_app\t\taccount.so",
                // menu provides the commands (reginfo, hangup, dial, ...) ctrl_tcp runs.
                "module_app\t\tmenu.so",
                "module_app\t\tctrl_tcp.so",
                "ctrl_tcp_listen\t\t127.0.0.1:" + control,
                "snd_path\t\t" + dir.resolve("recordings"),
                "");
    }

    /** The account line: auto-answer (baresip 1.0 answers in the core), G.711 only. */
    static String account(BaresipSettings settings) {
        return "<sip:" + settings.line() + "@" + settings.registrarHost() + ":" + settings.registrarPort()
                + ";transport=" + settings.transport() + ">;auth_user=" + settings.line() + ";auth_pass=" + settings.password()
                + ";answermode=auto;regint=" + settings.regInterval().toSeconds()
                + ";audio_codecs=PCMU/8000/1,PCMA/8000/1";
    }

    /** Waits for baresip's "200 OK ... binding" line for its account. */
    public void awaitRegistered(Duration timeout) {
        Pattern ok = Pattern.compile(Pattern.quote(settings.line() + "@") + "\\S+: \\{\\d+/(UDP|TCP)/v4\\} 200 OK");
        await("line " + settings.line() + " to register", timeout, text -> ok.matcher(text).find());
    }

    /** Whether baresip has printed a final failure to its account's REGISTER ({@code reg: sip:LINE@...: 403 Forbidden}). */
    public boolean registrationFailed() {
        Pattern failed = Pattern.compile("reg: sip:" + Pattern.quote(settings.line() + "@") + "\\S+: [4-6]\\d\\d ");
        return failed.matcher(output()).find();
    }

    /** Waits until baresip says a call is established (it auto-answers), {@code count} in all. */
    public void awaitCallsEstablished(int count, Duration timeout) {
        await(count + " call(s) established", timeout, text -> occurrences(text, "Call established") >= count);
    }

    /** Waits until {@code count} calls have ended. */
    public void awaitCallsTerminated(int count, Duration timeout) {
        await(count + " call(s) terminated", timeout, text -> occurrences(text, " terminated (duration") >= count);
    }

    /**
     * The steady tones in what baresip heard, over every call so far (its {@code sndfile} decode
     * dumps, 8 kHz mono), found with the same 50 Hz grid as the simulated phones.
     */
    public List<Double> heardTones() {
        List<Double> tones = new ArrayList<>();
        for (Path wav : recordings("-dec.wav")) {
            try {
                byte[] bytes = Files.readAllBytes(wav);
                if (bytes.length > 44) {
                    tones.addAll(ToneHearing.tonesIn(WavDecoder.decode(bytes, wav.getFileName().toString()).samples()));
                }
            } catch (IOException | RuntimeException e) {
                throw new BaresipException("cannot read baresip's recording " + wav + ": " + e.getMessage(), e);
            }
        }
        return tones;
    }

    private List<Path> recordings(String suffix) {
        try (Stream<Path> files = Files.list(dir.resolve("recordings"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One ctrl_tcp command ({@code reginfo}, {@code hangup}, {@code dial 1001}, ...), its JSON
     * response as baresip sent it.
     */
    public String command(String command, String params) {
        String json = "{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"outdial\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", controlPort), 2000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
            // Netstrings (djb): LENGTH ":" BYTES ","; events may come first, the response has "response":true.
            InputStream in = socket.getInputStream();
            while (true) {
                String message = readNetstring(in);
                if (message.contains("\"response\":true")) {
                    return message;
                }
            }
        } catch (IOException e) {
            throw new BaresipException("ctrl_tcp command '" + command + "' failed: " + e.getMessage() + "\n" + output(), e);
        }
    }

    private static String readNetstring(InputStream in) throws IOException {
        int length = 0;
        for (int c; (c = in.read()) != ':'; ) {
            if (c < '0' || c > '9') {
                throw new IOException("not a netstring length: " + c);
            }
            length = length * 10 + (c - '0');
        }
        byte[] bytes = in.readNBytes(length);
        in.read(); // the trailing ','
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public BaresipSettings settings() {
        return settings;
    }

    /** Its SIP port (UDP and TCP) on 127.0.0.1. */
    public int sipPort() {
        return sipPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything baresip printed so far. */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read baresip's output: " + e + ")";
        }
    }

    private void await(String what, Duration timeout, java.util.function.Predicate<String> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = output();
            if (done.test(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new BaresipException("baresip exited with " + process.exitValue() + " while waiting for " + what
                        + ":\n" + text);
            }
            if (System.nanoTime() > deadline) {
                throw new BaresipException("waited " + timeout.toMillis() + " ms for " + what + "; baresip said:\n" + text);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BaresipException("interrupted while waiting for " + what);
            }
        }
    }

    private static int occurrences(String text, String word) {
        int count = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
            count++;
        }
        return count;
    }

    /** SIGTERM (baresip un-REGISTERs and hangs up), SIGKILL after 3 s; deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (Boolean.getBoolean("outdial.baresip.keep")) {
            LOG.info("baresip files kept in {}", dir);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "Baresip[" + settings.line() + " on 127.0.0.1:" + sipPort + ", pid " + process.pid() + "]";
    }
}
