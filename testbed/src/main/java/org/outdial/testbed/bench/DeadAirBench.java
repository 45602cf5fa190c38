package org.outdial.testbed.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.config.OutdialConfig;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.media.analysis.ToneDetector;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.media.rtp.RtpSession;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.phones.CallRecord;
import org.outdial.testbed.phones.DurationDraw;
import org.outdial.testbed.phones.OperatorPhones;
import org.outdial.testbed.phones.PhoneBehaviour;
import org.outdial.testbed.phones.PhoneLine;
import org.outdial.testbed.phones.PhonesSettings;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.slf4j.LoggerFactory;

/**
 * {@code ./outdial bench dead-air [--rate N] [--seconds S] [--operators N] [--warmup-calls N]}: issue 10's "dead air",
 * the time from the callee's answer to the first relayed frame each way, for a GUARANTEED_DIAL
 * campaign whose operators answer at once, at {@code --rate} bridged calls per minute.
 *
 * <p>The callees are SIPp (a peer nobody here wrote) answering every INVITE at once, with SDP that
 * points each call at its own RTP far end in this JVM (SIPp's {@code -inf} file gives call n far
 * end n, as in BridgedCallsThroughSippTest). The answer is when SIPp sent the 200 OK (its message
 * trace, microseconds, the same wall clock). A far end plays a 400 Hz tone (one made for all) from the moment
 * Outdial's first packet reaches it and notes the first 20 ms frame in which an
 * operator's tone (700 + 50·i Hz, Goertzel) is dominant: operator → callee. The operators are
 * {@link OperatorPhones} in this JVM, registered to Outdial, answering after 0 ms and hanging up
 * after a talk sized so that {@code operators} lines make {@code rate} calls a minute; a phone's
 * {@link CallRecord#firstAudioAt} is the first frame after its answer, which is the callee's
 * relayed audio: callee → operator. The far end's tone says which operator it heard, and that
 * operator's call offered just after the callee's answer (SIPp's 200 OK) is the same call.
 */
public final class DeadAirBench {

    private static final String TRUNK = "sipp";
    private static final double CALLEE_TONE = 400;
    private static final int TONE_BASE = 700;

    private DeadAirBench() {
    }

    /**
     * The callees' tone, made and encoded once for every far end: five minutes of samples (2.4
     * million sines and their µ-law bytes) built on each call's path had cost the first wave of
     * calls up to 0.5 s of dead air, a cost of the bench, not of Outdial.
     */
    private static AudioSource calleeTone() {
        AudioSource tone = AudioSource.tone(CALLEE_TONE, Duration.ofMinutes(5), 0.3);
        tone.encoded(Codec.PCMU);
        return tone;
    }

    /** One callee's side of a call: when Outdial's first packet came, and the first operator tone. */
    private static final class FarEnd {
        final RtpSession rtp;
        final ToneDetector detector;
        final AudioSource tone;
        volatile Instant answeredAt;
        volatile Instant lastPacketAt;
        boolean connected;
        volatile Instant operatorHeardAt;
        volatile double operatorHz;

        FarEnd(RtpSession rtp, double[] operatorTones, AudioSource tone) {
            this.rtp = rtp;
            this.tone = tone;
            this.detector = new ToneDetector(operatorTones, 8000, 0.6);
            rtp.onAudio(this::frame);
        }

        private void frame(short[] samples) {
            Instant now = Instant.now();
            lastPacketAt = now;
            if (answeredAt == null) {
                answeredAt = now;
                Thread.ofVirtual().start(() -> rtp.play(tone));
            }
            if (operatorHeardAt == null) {
                OptionalDouble hz = detector.dominant(samples, 0, samples.length);
                if (hz.isPresent()) {
                    operatorHz = hz.getAsDouble();
                    operatorHeardAt = now;
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = 100;
        int seconds = 120;
        int operators = 10;
        int warmup = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--operators" -> operators = Integer.parseInt(args[i + 1]);
                case "--warmup-calls" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: dead-air [--rate CALLS_PER_MIN] [--seconds S] "
                        + "[--operators N] [--warmup-calls N]; unknown " + args[i]);
            }
        }
        int warmupCalls = warmup;
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        // Each operator makes rate/operators calls a minute; a call is its talk plus ~0.3 s of set-up and tear-down.
        Duration talk = Duration.ofMillis(Math.max(500, operators * 60_000L / rate - 300));
        int calls = rate * seconds / 60;
        System.out.println("dead-air: " + BenchMachine.describe());
        System.out.printf(Locale.ROOT, "  GUARANTEED_DIAL, FIXED threadCount %d, %d operators (OperatorPhones in this JVM, "
                + "answer after 0 ms, talk %d ms), %d numbers (%d calls/min for %d s), callees SIPp answering at once%n",
                operators, operators, talk.toMillis(), calls, rate, seconds);

        Path dir = Files.createTempDirectory("outdial-dead-air-");
        double[] operatorTones = new double[operators];
        for (int i = 0; i < operators; i++) {
            operatorTones[i] = TONE_BASE + 50 * i;
        }
        int farPorts = 2 * calls + 16;
        int farFrom = LoopbackPorts.evenRange(farPorts);
        List<FarEnd> farEnds = new ArrayList<>(calls);
        AudioSource calleeTone = calleeTone();
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        try (MediaEngine far = MediaEngine.start(new MediaSettings("127.0.0.1", farFrom, farFrom + farPorts - 1), 1)) {
            for (int i = 0; i < calls; i++) {
                FarEnd end = new FarEnd(far.openSession(), operatorTones, calleeTone);
                farEnds.add(end);
                csv.append(end.rtp.localPort()).append(";0;101;PCMU\n");
            }
            Path scenario = Sipp.scenario("far-end-callee.xml");
            Path fields = Files.writeString(dir.resolve("callees.csv"), csv);
            int rtpCount = 400;
            int rtpFrom = LoopbackPorts.evenRange(rtpCount);
            Path messages = dir.resolve("sipp-messages.log");
            try (SippProcess sipp = SippProcess.uas(scenario, Duration.ofSeconds(seconds + 300), "-inf", fields.toString(),
                    "-trace_msg", "-message_file", messages.toString())) {
                OutdialConfig defaults = OutdialConfig.defaults();
                int sipPort = LoopbackPorts.sipPort();
                OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                        StorageSettings.h2File(dir.resolve("db").toString()),
                        new OutdialConfig.Sip("127.0.0.1", sipPort, rtpFrom + "-" + (rtpFrom + rtpCount - 1)),
                        List.of(new TrunkSettings(TRUNK, "127.0.0.1", sipp.sipPort(), "udp", null, null, "15550001", "",
                                operators * 4, 1000)),
                        new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                        new OutdialConfig.Dialer(Duration.ofSeconds(20)), new OutdialConfig.Audio(dir.resolve("audio").toString()));
                try (OutdialServer server = OutdialServer.start(config)) {
                    UniTalkClient api = new UniTalkClient(server.port(), new ApiKeys(server.database().dataSource())
                            .create("bench", Instant.now()).secret());
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < operators; i++) {
                        String line = Integer.toString(2001 + i);
                        lines.add(line);
                        ObjectNode body = UniTalkClient.request("ADD");
                        body.putObject("phone").put("number", line).put("password", "dead-air-" + line);
                        api.post("phones/inner/action", body);
                    }
                    PhonesSettings phoneSettings = new PhonesSettings("127.0.0.1", "127.0.0.1", sipPort,
                            PhoneLine.numbered(2001, operators, n -> "dead-air-" + n),
                            PhonesSettings.DEFAULT_EXPIRES, Duration.ofSeconds(5),
                            PhoneBehaviour.answers(Duration.ZERO, DurationDraw.fixed(talk)), TONE_BASE, 0, 1, "udp");
                    try (OperatorPhones phones = OperatorPhones.start(phoneSettings)) {
                        if (!phones.awaitRegistered(Duration.ofSeconds(30))) {
                            throw new IllegalStateException("the operators did not register: " + phones.registeredCount());
                        }
                        long campaign = campaign(api, lines, operators);
                        List<String> numbers = new ArrayList<>(calls);
                        for (int i = 0; i < calls; i++) {
                            numbers.add("38067" + (1_000_000 + i));
                        }
                        Thread window = Thread.ofVirtual().start(() -> connectAhead(farEnds));
                        long start = System.nanoTime();
                        api.addNumbers(campaign, numbers);
                        long deadline = start + Duration.ofSeconds(seconds + 60).toNanos();
                        while (!api.status(campaign).equals("FINISHED") && System.nanoTime() < deadline) {
                            Thread.sleep(500);
                        }
                        double took = (System.nanoTime() - start) / 1e9;
                        Thread.sleep(talk.toMillis() + 1000); // the last calls' records
                        window.interrupt();
                        System.out.printf(Locale.ROOT, "  %d numbers dialed in %.1f s (%.0f calls/min), campaign %s, "
                                        + "ANSWER %d%n", calls, took, calls * 60 / took, api.status(campaign),
                                api.stateCount(campaign, "ANSWER"));
                        report(farEnds, phones.calls(), lines, okSentAt(messages), warmupCalls, operators);
                    }
                }
            }
        }
    }

    /**
     * A far end receives only once connected, and a connected one sends (silence, to the discard
     * port until Outdial's first packet latches it): so only the next few far ends are connected,
     * ahead of the calls, and each is closed a second after its call's audio stops.
     */
    private static void connectAhead(List<FarEnd> farEnds) {
        InetSocketAddress discard = new InetSocketAddress("127.0.0.1", 9);
        int ahead = 40;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                int lastAnswered = -1;
                Instant now = Instant.now();
                for (int i = 0; i < farEnds.size(); i++) {
                    FarEnd end = farEnds.get(i);
                    if (end.answeredAt != null) {
                        lastAnswered = i;
                        if (!end.rtp.isClosed() && end.lastPacketAt.isBefore(now.minusSeconds(1))) {
                            end.rtp.close();
                        }
                    }
                }
                for (int i = 0; i < farEnds.size() && i <= lastAnswered + ahead; i++) {
                    FarEnd end = farEnds.get(i);
                    if (!end.connected) {
                        end.connected = true;
                        end.rtp.connect(discard, Codec.PCMU, 101);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /** GUARANTEED_DIAL in FIXED mode over {@code lines}, no audio: the operator is rung on the answer. */
    private static long campaign(UniTalkClient api, List<String> lines, int operators) {
        LocalDate today = LocalDate.now();
        ObjectNode task = AutodialerTask.autodial("dead air").threads(operators).with("callDelay", 0)
                .dates(today.minusDays(1), today.plusDays(7)).timeZone(ZoneId.systemDefault()).json();
        task.put("autodialerType", "GUARANTEED_DIAL");
        task.remove(List.of("compositeAudio", "delay", "scenarioId"));
        var pseudo = task.putArray("pseudoGroupOperators");
        lines.forEach(pseudo::add);
        ObjectNode body = UniTalkClient.request("ADD");
        body.set("task", task);
        return api.action(body).path("data").asLong();
    }

    /**
     * When SIPp sent each call's 200 OK, by the far-end port its SDP names: the callee's answer.
     * SIPp's message trace heads each message with a dashed line and the local date and time to
     * the microsecond (the same wall clock this JVM reads).
     */
    static Map<Integer, Instant> okSentAt(Path messages) throws java.io.IOException {
        Map<Integer, Instant> sent = new java.util.HashMap<>();
        Instant at = null;
        boolean ok = false;
        Pattern stamp = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ \\t]+(\\d{2}:\\d{2}:\\d{2}\\.\\d{1,6})");
        Pattern audio = Pattern.compile("^m=audio (\\d+) ");
        for (String line : Files.readAllLines(messages, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("-----")) {
                Matcher m = stamp.matcher(line);
                at = m.find() ? java.time.LocalDateTime.parse(m.group(1) + "T" + m.group(2))
                        .atZone(ZoneId.systemDefault()).toInstant() : null;
                ok = false;
            } else if (line.startsWith("SIP/2.0 200 OK") && at != null) {
                ok = true;
            } else if (ok && at != null) {
                Matcher m = audio.matcher(line.strip());
                if (m.find()) {
                    sent.putIfAbsent(Integer.parseInt(m.group(1)), at);
                }
            }
        }
        return sent;
    }

    /**
     * Prints the figures over every call, and again without the first {@code warmup} calls dialed
     * (the cold JVM's first wave) when {@code warmup > 0}; the first {@code firstWave} calls (one
     * per operator, dialed at once) are also reported on their own.
     */
    private static void report(List<FarEnd> farEnds, List<CallRecord> operatorCalls, List<String> lines,
                               Map<Integer, Instant> okSentAt, int warmup, int firstWave) {
        // Slow calls are timed from the first callee's answer (SIPp's 200 OK, as every answer here).
        Instant origin = okSentAt.getOrDefault(farEnds.getFirst().rtp.localPort(), farEnds.getFirst().answeredAt);
        report(farEnds, operatorCalls, lines, okSentAt, 0, origin, firstWave);
        if (warmup > 0 && warmup < farEnds.size()) {
            System.out.printf(Locale.ROOT, "%n  the same without the first %d calls dialed (--warmup-calls: the cold JVM's first wave):%n",
                    warmup);
            report(farEnds.subList(warmup, farEnds.size()), operatorCalls, lines, okSentAt, warmup, origin, 0);
        }
    }

    /**
     * The figures over {@code farEnds}, the calls dialed from number {@code skipped + 1} on; times of
     * slow calls from {@code origin}; the worst of the first {@code firstWave} of them (0: none).
     */
    private static void report(List<FarEnd> farEnds, List<CallRecord> operatorCalls, List<String> lines,
                               Map<Integer, Instant> okSentAt, int skipped, Instant origin, int firstWave) {
        Map<String, List<CallRecord>> byPhone = operatorCalls.stream()
                .filter(c -> c.outcome() == CallRecord.Outcome.ANSWERED)
                .collect(Collectors.groupingBy(CallRecord::phone));
        List<Long> toCallee = new ArrayList<>();
        List<Long> toOperator = new ArrayList<>();
        List<Long> firstPacket = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        long[] waveWorst = {-1, -1}; // operator -> callee, callee -> operator
        int answered = 0;
        for (FarEnd end : farEnds) {
            if (end.answeredAt == null) {
                continue;
            }
            answered++;
            Instant answer = okSentAt.get(end.rtp.localPort());
            if (end.operatorHeardAt == null || answer == null) {
                continue;
            }
            firstPacket.add(Duration.between(answer, end.answeredAt).toMillis());
            if (Duration.between(answer, end.operatorHeardAt).toMillis() > 150) {
                slow.add(String.format(Locale.ROOT, "call %d at +%.1f s: %d ms", skipped + farEnds.indexOf(end) + 1,
                        Duration.between(origin, answer).toMillis() / 1000.0,
                        Duration.between(answer, end.operatorHeardAt).toMillis()));
            }
            long heard = Duration.between(answer, end.operatorHeardAt).toMillis();
            toCallee.add(heard);
            boolean inWave = farEnds.indexOf(end) < firstWave;
            if (inWave) {
                waveWorst[0] = Math.max(waveWorst[0], heard);
            }
            String line = lines.get((int) Math.round((end.operatorHz - TONE_BASE) / 50));
            byPhone.getOrDefault(line, List.of()).stream()
                    // Offered after the callee's answer; the operator's call before rang 5.7 s earlier.
                    .filter(c -> !c.offeredAt().isBefore(answer.minusMillis(50)))
                    .min(Comparator.comparing(CallRecord::offeredAt))
                    .flatMap(CallRecord::firstAudioAt)
                    .map(first -> Duration.between(answer, first).toMillis())
                    .ifPresent(millis -> {
                        toOperator.add(millis);
                        if (inWave) {
                            waveWorst[1] = Math.max(waveWorst[1], millis);
                        }
                    });
        }
        System.out.printf(Locale.ROOT, "  %d callees answered; %d heard an operator, %d operator calls matched%n",
                answered, toCallee.size(), toOperator.size());
        System.out.printf(Locale.ROOT, "  answer = SIPp's 200 OK as its message trace times it; %d of them found%n",
                okSentAt.size());
        print("answer to the callee's first packet from Outdial (hold tone or relay)", firstPacket);
        print("operator -> callee (answer to the first frame with the operator's tone at the callee)", toCallee);
        print("callee -> operator (answer to the operator phone's first frame after its 200 OK)", toOperator);
        if (firstWave > 0) {
            System.out.printf(Locale.ROOT, "  the first wave (calls 1-%d, one per operator, dialed at once on a cold JVM): "
                    + "operator -> callee max %d ms, callee -> operator max %d ms%n", firstWave, waveWorst[0], waveWorst[1]);
        }
        System.out.println("  goal: p50 <= 150 ms, p99 <= 500 ms each way");
        System.out.println("  operator -> callee over 150 ms (" + slow.size() + "): " + String.join("; ", slow));
    }

    private static void print(String what, List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %s:%n    n %d  p50 %.0f ms  p99 %.0f ms  max %d ms%n", what, sorted.length,
                BenchMachine.percentile(sorted, 50), BenchMachine.percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }
}
