package org.outdial.testbed.demo;

import java.time.Duration;

/**
 * {@code ./outdial demo}'s options.
 *
 * @param numbers     how many numbers the campaign dials
 * @param threads     the FIXED campaign's {@code threadCount}: calls in flight at once
 * @param keepRunning leave the server up after the campaign, until Ctrl-C, so the dashboard and the printed curl commands work
 * @param seed        the carrier's (and the phones') behaviour seed: the same seed gives the same outcomes per number
 * @param cap         the longest the demo waits for the campaign to finish
 * @param live        one progress line refreshed in place (a terminal) instead of a line every few seconds
 * @param fixed       the audio-only AUTODIAL campaign in FIXED mode instead of the call center
 * @param operators   the call center's simulated operators (ignored with {@code fixed})
 */
record DemoOptions(int numbers, int threads, boolean keepRunning, long seed, Duration cap, boolean live, boolean fixed,
                   int operators) {

    /** The call center's defaults: 150 numbers for 10 operators end in about two minutes on 2 cores. */
    static final int CALL_CENTER_NUMBERS = 150;
    static final int CALL_CENTER_OPERATORS = 10;
    static final long CALL_CENTER_CAP_SECONDS = 240;
    static final int FIXED_NUMBERS = 1000;
    static final long FIXED_CAP_SECONDS = 110;

    static final String USAGE = """
            usage: ./outdial demo [options]
              By default a call center: a FREE campaign (AUTODIAL whose incoming scenario transfers to a
              group) with simulated operators in their own process, 150 numbers, about 2 minutes.
              --operators N    simulated operators, 1..50 (default 10)
              --fixed          the audio-only demo instead: AUTODIAL in FIXED mode, 1000 numbers, no operators
              --numbers N      numbers to dial, 1..100000 (default 150, or 1000 with --fixed)
              --threads N      with --fixed: calls in flight at once, the campaign's threadCount 1..1000 (default 100)
              --seed N         the simulated carrier's and phones' seed: which numbers answer, ring out, are busy (default 1)
              --time-cap S     stop waiting for the campaign after S seconds (default 240, or 110 with --fixed)
              --keep-running   keep the server (and carrier, phones) up after the campaign, until Ctrl-C,
                               for the dashboard and the printed curl commands
              --plain          print progress as plain lines even on a terminal
            """;

    DemoOptions {
        if (numbers < 1 || numbers > 100_000) {
            throw new IllegalArgumentException("--numbers must be 1..100000, was " + numbers);
        }
        if (threads < 1 || threads > 1000) {
            throw new IllegalArgumentException("--threads must be 1..1000, was " + threads);
        }
        if (operators < 1 || operators > 50) {
            // The phones' tones must fit the hearing grid (700 Hz + 50 Hz per phone, up to 3,150 Hz).
            throw new IllegalArgumentException("--operators must be 1..50, was " + operators);
        }
        if (cap.isNegative() || cap.isZero()) {
            throw new IllegalArgumentException("--time-cap must be positive, was " + cap.toSeconds());
        }
    }

    /** The FIXED audio demo. */
    static DemoOptions fixed(int numbers, int threads, long seed, Duration cap) {
        return new DemoOptions(numbers, threads, false, seed, cap, false, true, CALL_CENTER_OPERATORS);
    }

    /** The call center demo. */
    static DemoOptions callCenter(int numbers, int operators, long seed, Duration cap) {
        return new DemoOptions(numbers, 100, false, seed, cap, false, false, operators);
    }

    /** Parses the command line; {@code terminal} says whether stdout is one. Null for {@code --help}. */
    static DemoOptions parse(String[] args, boolean terminal) {
        Integer numbers = null;
        int threads = 100;
        int operators = CALL_CENTER_OPERATORS;
        boolean keep = false;
        boolean fixed = false;
        long seed = 1;
        Long capSeconds = null;
        boolean live = terminal;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--keep-running" -> keep = true;
                case "--plain" -> live = false;
                case "--fixed" -> fixed = true;
                case "--help", "-h" -> {
                    return null;
                }
                case "--numbers", "--threads", "--seed", "--time-cap", "--operators" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    String value = args[++i];
                    try {
                        switch (option) {
                            case "--numbers" -> numbers = Integer.parseInt(value);
                            case "--threads" -> threads = Integer.parseInt(value);
                            case "--operators" -> operators = Integer.parseInt(value);
                            case "--seed" -> seed = Long.parseLong(value);
                            default -> capSeconds = Long.parseLong(value);
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(option + " needs a whole number, was '" + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        int n = numbers != null ? numbers : fixed ? FIXED_NUMBERS : CALL_CENTER_NUMBERS;
        long cap = capSeconds != null ? capSeconds : fixed ? FIXED_CAP_SECONDS : CALL_CENTER_CAP_SECONDS;
        return new DemoOptions(n, threads, keep, seed, Duration.ofSeconds(cap), live, fixed, operators);
    }
}
