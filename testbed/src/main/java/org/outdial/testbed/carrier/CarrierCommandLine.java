package org.outdial.testbed.carrier;

import java.util.Optional;

/** The simulated carrier's command line. */
record CarrierCommandLine(CarrierSettings settings, Optional<Long> exitWith, boolean help) {

    static final String USAGE = """
            usage: SimulatedCarrier [options]
              --bind ADDRESS        IP address for SIP and RTP (default 127.0.0.1)
              --port PORT           SIP port, UDP (default 5080; 0 = any free port)
              --seed N              behaviour seed: with the dialed number it decides each call (default 1)
              --answer-ratio R      share of numbers that answer, 0..1 (default 0.55); the other
                                    behaviours keep their proportions in the rest
              --ring MIN-MAX        ringing before an answer or a decline, seconds or ms (default 1-4)
              --talk MIN-MAX        how long an answered callee stays before hanging up (default 3-15)
              --non-answers KIND    mixed: the others ring out, are busy, unknown, declined... in the
                                    default proportions (default); ring-out: every one rings until CANCEL
              --ring-cap SECONDS    a never-answering number gets 480 after this if no CANCEL came (default 180)
              --verbose             log one line per call
              --exit-with PID       exit when process PID exits (the demo passes its own)
            """;

    static CarrierCommandLine parse(String[] args) {
        String bind = "127.0.0.1";
        int port = 5080;
        long seed = 1;
        double answer = CalleeMix.DEFAULT_ANSWER_SHARE;
        CalleeMix.Span ring = CalleeMix.DEFAULT_RINGING;
        CalleeMix.Span talk = CalleeMix.DEFAULT_TALK;
        CalleeMix.NonAnswers nonAnswers = CalleeMix.NonAnswers.MIXED;
        java.time.Duration ringCap = CarrierSettings.DEFAULT_RING_CAP;
        boolean verbose = false;
        Long exitWith = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--verbose", "-v" -> verbose = true;
                case "--help", "-h" -> {
                    return new CarrierCommandLine(CarrierSettings.loopback(0, 1), Optional.empty(), true);
                }
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option or missing value: " + option);
                    }
                    String value = args[++i];
                    try {
                        switch (option) {
                            case "--bind" -> bind = value;
                            case "--port" -> port = Integer.parseInt(value);
                            case "--seed" -> seed = Long.parseLong(value);
                            case "--answer-ratio" -> answer = Double.parseDouble(value);
                            case "--ring" -> ring = CalleeMix.Span.parse(value);
                            case "--talk" -> talk = CalleeMix.Span.parse(value);
                            case "--non-answers" -> nonAnswers = CalleeMix.NonAnswers.parse(value);
                            case "--ring-cap" -> ringCap = java.time.Duration.ofSeconds(Long.parseLong(value));
                            case "--exit-with" -> exitWith = Long.parseLong(value);
                            default -> throw new IllegalArgumentException("unknown option " + option);
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(option + " needs a number, was '" + value + "'");
                    }
                }
            }
        }
        return new CarrierCommandLine(new CarrierSettings(bind, port, new CalleeMix(seed, answer, ring, talk, nonAnswers), ringCap,
                verbose), Optional.ofNullable(exitWith), false);
    }
}
