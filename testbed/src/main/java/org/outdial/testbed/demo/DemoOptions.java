package org.outdial.testbed.demo;

import java.time.Duration;

/**
 * {@code ./outdial demo}'s options.
 *
 * @param numbers     how many numbers the campaign dials
 * @param threads     the campaign's {@code threadCount}: calls in flight at once
 * @param keepRunning leave the server up after the campaign, until Ctrl-C, so the printed curl commands work
 * @param seed        the carrier's behaviour seed: the same seed gives the same outcomes per number
 * @param cap         the longest the demo waits for the campaign to finish
 * @param live        one progress line refreshed in place (a terminal) instead of a line every few seconds
 */
record DemoOptions(int numbers, int threads, boolean keepRunning, long seed, Duration cap, boolean live) {

    static final String USAGE = """
            usage: ./outdial demo [options]
              --numbers N      numbers to dial, 1..100000 (default 1000)
              --threads N      calls in flight at once, the campaign's threadCount 1..1000 (default 100)
              --seed N         the simulated carrier's seed: which numbers answer, ring out, are busy (default 1)
              --time-cap S     stop waiting for the campaign after S seconds (default 110)
              --keep-running   keep the server (and carrier) up after the campaign, until Ctrl-C
              --plain          print progress as plain lines even on a terminal
            """;

    DemoOptions {
        if (numbers < 1 || numbers > 100_000) {
            throw new IllegalArgumentException("--numbers must be 1..100000, was " + numbers);
        }
        if (threads < 1 || threads > 1000) {
            throw new IllegalArgumentException("--threads must be 1..1000, was " + threads);
        }
        if (cap.isNegative() || cap.isZero()) {
            throw new IllegalArgumentException("--time-cap must be positive, was " + cap.toSeconds());
        }
    }

    /** Parses the command line; {@code terminal} says whether stdout is one. Null for {@code --help}. */
    static DemoOptions parse(String[] args, boolean terminal) {
        int numbers = 1000;
        int threads = 100;
        boolean keep = false;
        long seed = 1;
        long capSeconds = 110;
        boolean live = terminal;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--keep-running" -> keep = true;
                case "--plain" -> live = false;
                case "--help", "-h" -> {
                    return null;
                }
                case "--numbers", "--threads", "--seed", "--time-cap" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    String value = args[++i];
                    try {
                        switch (option) {
                            case "--numbers" -> numbers = Integer.parseInt(value);
                            case "--threads" -> threads = Integer.parseInt(value);
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
        return new DemoOptions(numbers, threads, keep, seed, Duration.ofSeconds(capSeconds), live);
    }
}
