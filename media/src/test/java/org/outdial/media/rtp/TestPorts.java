package org.outdial.media.rtp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Port ranges for tests: a random window high in the range, so concurrent test runs (and other
 * modules' tests on the same machine) rarely meet; a port that is taken anyway is skipped by
 * {@link MediaEngine#openSession()}.
 */
final class TestPorts {

    private TestPorts() {
    }

    static MediaSettings settings() {
        return settings(200);
    }

    static MediaSettings settings(int size) {
        int from = 2 * ThreadLocalRandom.current().nextInt(20_000, 30_000);
        return new MediaSettings("127.0.0.1", from, from + size - 1);
    }
}
