package org.outdial.media.rtp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Port ranges for tests: a random window in 10000-19999, below Linux's ephemeral ports
 * (32768-60999) and the configured default 20000-29999 that other modules' tests and benchmarks
 * use, so concurrent runs rarely meet; a port that is taken anyway is skipped by
 * {@link MediaEngine#openSession()}.
 */
final class TestPorts {

    private TestPorts() {
    }

    static MediaSettings settings() {
        return settings(200);
    }

    static MediaSettings settings(int size) {
        int from = 2 * ThreadLocalRandom.current().nextInt(5_000, 10_000 - size / 2);
        return new MediaSettings("127.0.0.1", from, from + size - 1);
    }
}
