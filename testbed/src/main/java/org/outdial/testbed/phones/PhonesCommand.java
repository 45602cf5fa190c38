package org.outdial.testbed.phones;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The simulated operator phones as their own process, for the demo (see {@link PhonesProcess}):
 * starts N phones against a registrar, prints {@value #READY}... once all are registered, runs
 * until killed (SIGTERM: calls end, phones un-REGISTER) or until {@code --exit-with} PID exits,
 * and prints each phone's counters after {@value #STATS} at exit.
 */
@Command(name = "phones", mixinStandardHelpOptions = true,
        description = "Simulated operator phones: register with digest auth, answer, talk, hang up.")
public final class PhonesCommand implements Callable<Integer> {

    /** The line printed once every phone is registered. */
    public static final String READY = "phones registered: ";
    /** The line before the per-phone counters at exit. */
    public static final String STATS = "phones stats:";

    @Option(names = "--registrar", required = true, paramLabel = "HOST:PORT",
            description = "the registrar (Outdial's SIP address), UDP")
    String registrar;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "local IP for SIP and RTP (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--first", defaultValue = "1001", description = "first line number (default ${DEFAULT-VALUE})")
    int first;

    @Option(names = "--count", defaultValue = "10", description = "how many phones (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--password-prefix", defaultValue = "pw",
            description = "each line's password is this prefix and its number (default ${DEFAULT-VALUE}: pw1001)")
    String passwordPrefix;

    @Option(names = "--expires", defaultValue = "120", description = "REGISTER expiry asked for, seconds (default ${DEFAULT-VALUE})")
    int expires;

    @Option(names = "--answer-delay", defaultValue = "1-3",
            description = "ringing before the operator picks up: 2s, 1-3, 200ms-900ms, mean:2s (default ${DEFAULT-VALUE})")
    String answerDelay;

    @Option(names = "--talk", defaultValue = "mean:8s",
            description = "how long operators talk before hanging up, or 'wait' for the far end's BYE (default ${DEFAULT-VALUE})")
    String talk;

    @Option(names = "--refuse", defaultValue = "0.05", description = "share of offers declined, 486/603 (default ${DEFAULT-VALUE})")
    double refuse;

    @Option(names = "--no-answer", defaultValue = "0.05", description = "share of offers left ringing (default ${DEFAULT-VALUE})")
    double noAnswer;

    @Option(names = "--tone-base", defaultValue = "700", description = "phone i plays tone-base + 50*i Hz (default ${DEFAULT-VALUE})")
    int toneBase;

    @Option(names = "--rtp-from", defaultValue = "0", description = "first RTP port, even; 0 = any free range (default ${DEFAULT-VALUE})")
    int rtpFrom;

    @Option(names = "--transport", defaultValue = "udp", description = "udp or tcp (default ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the draws (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--register-timeout", defaultValue = "30",
            description = "seconds to wait for every phone to register before failing (default ${DEFAULT-VALUE})")
    int registerTimeout;

    @Option(names = "--exit-with", paramLabel = "PID", description = "exit when process PID exits (the demo passes its own)")
    Long exitWith;

    PhonesSettings settings() {
        int colon = registrar.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--registrar must be HOST:PORT, was " + registrar);
        }
        Optional<DurationDraw> talkDraw = talk.equals("wait") ? Optional.empty() : Optional.of(DurationDraw.parse(talk));
        PhoneBehaviour behaviour = new PhoneBehaviour(DurationDraw.parse(answerDelay), talkDraw, refuse, noAnswer,
                PhoneBehaviour.DEFAULT_RING_CAP);
        return new PhonesSettings(bind, registrar.substring(0, colon), Integer.parseInt(registrar.substring(colon + 1)),
                PhoneLine.numbered(first, count, n -> passwordPrefix + n), Duration.ofSeconds(expires),
                Duration.ofSeconds(5), behaviour, toneBase, rtpFrom, seed, transport);
    }

    @Override
    public Integer call() throws Exception {
        PhonesSettings settings = settings();
        OperatorPhones phones = OperatorPhones.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            phones.close();
            System.out.println(STATS);
            System.out.println(phones.summary());
            System.out.flush();
            stopped.countDown();
        }, "phones-shutdown"));
        if (exitWith != null) {
            ProcessHandle.of(exitWith).ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        if (!phones.awaitRegistered(Duration.ofSeconds(registerTimeout))) {
            System.err.println("phones: " + phones.registeredCount() + " of " + count + " registered to " + registrar
                    + " within " + registerTimeout + " s; not registered: " + phones.phones().stream()
                    .filter(p -> !p.isRegistered()).map(p -> p.number() + " (last " + p.lastRegisterStatus() + ")")
                    .toList());
            return 1;
        }
        System.out.println(READY + count + " lines " + first + "-" + (first + count - 1) + " to " + registrar
                + " (tones " + settings.toneOf(0) + "-" + settings.toneOf(count - 1) + " Hz)");
        System.out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new PhonesCommand()).setErr(new PrintWriter(System.err, true))
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("phones: " + e.getMessage());
                    return 1;
                }).execute(args);
        System.exit(code);
    }
}
