package org.outdial.testbed.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.dialer.Dialer;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.sip.registrar.RegistrarSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testbed.carrier.CarrierSettings;
import org.outdial.testbed.carrier.SimulatedCarrier;
import org.outdial.testbed.phones.DurationDraw;
import org.outdial.testbed.phones.OperatorPhones;
import org.outdial.testbed.phones.PhoneBehaviour;
import org.outdial.testbed.phones.PhoneLine;
import org.outdial.testbed.phones.PhonesSettings;
import org.outdial.testbed.simulate.Workload;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.slf4j.LoggerFactory;

/**
 * {@code ./outdial bench smart-run}: issue 11's "real SMART run". A SMART campaign in a whole
 * Outdial server in this JVM (HTTP API, dialer, registrar, SIP, RTP, an H2 file database) dials the
 * simulated carrier; {@code --operators} simulated operator phones in this JVM, registered to it,
 * pick up at once and talk an exponential time; after {@code --minutes} the campaign is paused and
 * its figures, measured from the outside, are set beside what the pacing simulator predicts for the
 * same workload (the answer rate, dial-to-answer range and talk mean as measured in the run, the
 * wrap-up, the ring timeout, the team, the run's length) over {@code --seeds} seeds.
 *
 * <p>The campaign is AUTODIAL with a TRANSFER_TO_GROUP scenario and no audio, so the callee waits
 * for an operator from the answer, as the simulator's callee does (SMART's grace starts when the
 * callee starts waiting; GUARANTEED_DIAL would reserve an operator per dial and never dial ahead).
 * The carrier's non-answers all ring until Outdial cancels at the ring timeout ({@code --non-answers
 * ring-out}, the simulator's model); {@code mixed} gives the default busy/unknown/declined shares.
 * {@link SmartRunReport} prints the comparison and the verdict.
 */
public final class SmartRunBench {

    private static final String TRUNK = "carrier";
    /** pacing.abandonment.grace at its default (FCC 47 CFR 64.1200(a)(7)): the simulator's too. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int FIRST_LINE = 2001;
    /** Callees stay on far longer than an operator talks (at most 4 × the mean), so the operator hangs up. */
    private static final Duration CALLEE_STAYS = Duration.ofMinutes(10);

    private SmartRunBench() {
    }

    public static void main(String[] args) throws Exception {
        SmartRunOptions o = SmartRunOptions.parse(args);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.out.println("smart-run: " + BenchMachine.describe());
        System.out.println("  load average at start " + BenchMachine.loadAverage() + "; "
                + BenchMachine.stallProbe(Duration.ofSeconds(3)));
        System.out.println("  " + o.describe());
        SmartRunReport.tolerance(o);
        if (o.predictOnly()) {
            Workload w = o.workload(o.answerShare(), o.ring().min(), o.ring().max(), o.talkMean());
            SmartRunReport.prediction(SmartRunPrediction.of(w, o.smartSpeed(), o.seeds()));
            return;
        }
        SmartRunFigures real = run(o);
        Duration dMin = Duration.ofMillis(real.dialToAnswer()[0]);
        Duration dMax = Duration.ofMillis(real.dialToAnswer()[real.dialToAnswer().length - 1]);
        Workload w = o.workload(real.answerRate(), dMin, dMax, real.meanTalk());
        SmartRunPrediction predicted = SmartRunPrediction.of(w, o.smartSpeed(), o.seeds());
        SmartRunReport.compare(o, real, predicted);
        System.out.println("  load average at the end " + BenchMachine.loadAverage());
        System.out.flush();
        // Some library thread outlives the closed server and keeps the JVM up: a benchmark ends here.
        System.exit(0);
    }

    /** The real run; its figures. */
    private static SmartRunFigures run(SmartRunOptions o) throws Exception {
        Path dir = Files.createTempDirectory("outdial-smart-run-");
        int sipPort = LoopbackPorts.sipPort();
        CalleeMix mix = new CalleeMix(o.seed(), o.answerShare(), o.ring(), new CalleeMix.Span(CALLEE_STAYS, CALLEE_STAYS),
                o.nonAnswers());
        try (SimulatedCarrier carrier = SimulatedCarrier.start(new CarrierSettings("127.0.0.1", 0, mix,
                CarrierSettings.DEFAULT_RING_CAP, false));
             OutdialServer server = OutdialServer.start(config(dir, sipPort, carrier.port(), o.ringTimeout()))) {
            UniTalkClient api = new UniTalkClient(server.port(), new ApiKeys(server.database().dataSource())
                    .create("bench", Instant.now()).secret());
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < o.operators(); i++) {
                String line = Integer.toString(FIRST_LINE + i);
                lines.add(line);
                api.addPhone(line, password(line));
            }
            PhonesSettings phoneSettings = new PhonesSettings("127.0.0.1", "127.0.0.1", sipPort,
                    PhoneLine.numbered(FIRST_LINE, o.operators(), n -> password(Integer.toString(n))),
                    PhonesSettings.DEFAULT_EXPIRES, Duration.ofSeconds(5),
                    PhoneBehaviour.answers(Duration.ZERO, DurationDraw.exponential(o.talkMean())), 700, 0, o.seed(),
                    "udp");
            try (OperatorPhones phones = OperatorPhones.start(phoneSettings)) {
                if (!phones.awaitRegistered(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the operators did not register: " + phones.registeredCount());
                }
                awaitOnline(api, lines);
                long group = api.addGroup("smart-run operators", lines);
                long scenario = api.addTransferScenario("to the smart-run operators", group);
                ObjectNode add = UniTalkClient.request("ADD");
                add.set("task", campaign(o, group, scenario));
                long campaign = api.action(add).path("data").asLong();
                List<String> numbers = new ArrayList<>(o.numbers());
                for (int i = 0; i < o.numbers(); i++) {
                    numbers.add("38067" + (1_000_000 + i));
                }
                Instant from = Instant.now();
                api.addNumbers(campaign, numbers);
                DialGaps gaps = DialGaps.start(carrier, phones, server.dialer());
                watch(api, campaign, phones, from, o);
                gaps.stop();
                api.pause(campaign);
                Instant paused = Instant.now();
                drain(carrier, phones, server.dialer(), campaign);
                System.out.printf(Locale.ROOT, "  paused at +%.1f s; every call ended by +%.1f s%n",
                        Duration.between(from, paused).toMillis() / 1000.0,
                        Duration.between(from, Instant.now()).toMillis() / 1000.0);
                JsonNode task = api.task(campaign);
                JsonNode states = task.path("statistics").path("statesCount");
                long live = states.path("ANSWER").asLong() + states.path("ANSW_RJCT").asLong()
                        + states.path("ANSW_NF_OP").asLong() + states.path("ANSW_OP_NA").asLong();
                long dials = o.numbers() - states.path("NEW").asLong();
                System.out.println("  numbers by state: " + states);
                System.out.println("  GET_LIST statistics.abandonment: " + task.path("statistics").path("abandonment"));
                System.out.println("  carrier: calls ended by result " + carrier.results());
                System.out.println("  " + gaps.describe(from));
                // The ledger's count (FCC: no operator on the line within the grace), which is what SMART is held
                // to: the ANSW_NF_OP calls and any call an operator took after the grace.
                JsonNode ledger = task.path("statistics").path("abandonment").path("today");
                if (ledger.path("liveAnswered").asLong() != live) {
                    System.out.println("  note: the ledger's live-answered " + ledger.path("liveAnswered").asLong()
                            + " differs from the states' " + live);
                }
                return SmartRunFigures.of(from, o.window(), o.operators(), o.wrapUp(), phones.calls(),
                        carrier.answeredCalls(), dials, ledger.path("liveAnswered").asLong(),
                        ledger.path("abandoned").asLong(), GRACE);
            }
        }
    }

    private static String password(String line) {
        return "smart-run-" + line;
    }

    private static OutdialConfig config(Path dir, int sipPort, int carrierPort, Duration ringTimeout) {
        OutdialConfig defaults = OutdialConfig.defaults();
        RegistrarSettings d = RegistrarSettings.DEFAULTS;
        // Every phone is 127.0.0.1: the registrar's per-IP block must not take them for one attacker.
        RegistrarSettings registrar = new RegistrarSettings(d.minExpiry(), d.defaultExpiry(), d.maxExpiry(),
                d.keepAliveInterval(), d.keepAliveMisses(), d.nonceLifetime(), 10_000, d.authFailureWindow(),
                d.blockTime());
        int rtpCount = 1000;
        int rtp = LoopbackPorts.evenRange(rtpCount);
        return new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2File(dir.resolve("db").toString()),
                new OutdialConfig.Sip("127.0.0.1", sipPort, rtp + "-" + (rtp + rtpCount - 1)),
                List.of(new TrunkSettings(TRUNK, "127.0.0.1", carrierPort, "udp", null, null, "15550100", "", 400, 200)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(ringTimeout), new OutdialConfig.Audio(dir.resolve("audio").toString()),
                registrar);
    }

    /**
     * AUTODIAL in SMART mode at {@code smartSpeed}, paced by the group's operators, transferring every
     * answered callee to the group with no audio first; every talk gets the wrap-up.
     */
    private static ObjectNode campaign(SmartRunOptions o, long group, long scenario) {
        LocalDate today = LocalDate.now();
        ObjectNode json = AutodialerTask.autodial("smart-run").dates(today.minusDays(1), today.plusDays(7))
                .timeZone(ZoneId.systemDefault()).json();
        json.remove(List.of("threadCount", "compositeAudio")); // threadCount: seed 004, FIXED only
        json.put("autodialerMode", "SMART").put("smartSpeed", o.smartSpeed()).put("groupId", group)
                .put("scenarioId", scenario).put("delay", 0)
                .put("markAsBusySeconds", o.wrapUp().toSeconds()).put("markAsBusyMinSecondsTalk", 0);
        return json;
    }

    private static void awaitOnline(UniTalkClient api, List<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!lines.stream().allMatch(l -> "online".equals(api.lineStatuses().get(l)))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("operator lines not all online: " + api.lineStatuses());
            }
            Thread.sleep(200);
        }
    }

    /** Waits out the run's window, printing a progress line a minute. */
    private static void watch(UniTalkClient api, long campaign, OperatorPhones phones, Instant from,
                              SmartRunOptions o) throws InterruptedException {
        Instant end = from.plus(o.window());
        Instant next = from.plusSeconds(60);
        while (Instant.now().isBefore(end)) {
            Thread.sleep(Math.max(1, Math.min(Duration.between(Instant.now(), end).toMillis(),
                    Duration.between(Instant.now(), next).toMillis())));
            if (!Instant.now().isBefore(next) && Instant.now().isBefore(end)) {
                JsonNode stats = api.task(campaign).path("statistics");
                System.out.printf(Locale.ROOT, "  +%3d s  %s, calls done %d, operators on a call %d, abandoned %s of %s, "
                                + "load %s%n", Duration.between(from, Instant.now()).toSeconds(),
                        api.status(campaign), stats.path("callsDoneCount").asLong(), phones.callsInProgress(),
                        stats.path("abandonment").path("today").path("abandoned").asText("?"),
                        stats.path("abandonment").path("today").path("liveAnswered").asText("?"),
                        BenchMachine.loadAverage());
                next = next.plusSeconds(60);
            }
        }
    }

    /**
     * Waits until every call has ended (rings cancelled, talks hung up by their operators) and the
     * dialer has recorded each one: it lets go of a call's line only after writing its record.
     */
    private static void drain(SimulatedCarrier carrier, OperatorPhones phones, Dialer dialer, long campaign)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (carrier.callsInProgress() > 0 || phones.callsInProgress() > 0 || dialer.inFlight(campaign) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("calls still up 5 min after the pause: carrier "
                        + carrier.callsInProgress() + ", phones " + phones.callsInProgress() + ", dialer "
                        + dialer.inFlight(campaign));
            }
            Thread.sleep(250);
        }
    }
}
