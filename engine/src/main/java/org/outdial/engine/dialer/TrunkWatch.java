package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O half of trunk health ({@link TrunkBreaker} is the logic, {@link Dispatcher} owns it):
 * when a trunk goes down, says so once (a WARN, and the dialer's event), then sends it OPTIONS
 * every probe interval until it answers, and says when it is back.
 */
final class TrunkWatch {

    private static final Logger log = LoggerFactory.getLogger(TrunkWatch.class);

    private final Dispatcher dispatcher;
    private final TrunkProbe probe;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private final Consumer<String> wentDown;

    /** @param wentDown what else to do once per down period (the dialer's outbox event) */
    TrunkWatch(Dispatcher dispatcher, TrunkProbe probe, Scheduler scheduler, InstantSource clock, Consumer<String> wentDown) {
        this.dispatcher = dispatcher;
        this.probe = probe;
        this.scheduler = scheduler;
        this.clock = clock;
        this.wentDown = wentDown;
    }

    /** The dispatcher marked {@code trunk} down: once per down period. */
    void down(String trunk) {
        BreakerSettings s = dispatcher.breakerSettings(trunk);
        log.warn("Trunk {} is down: {} calls in a row got no answer or 503; no new calls on it until it answers "
                + "OPTIONS (sent every {} s)", trunk, s.failuresToOpen(), s.probeInterval().toSeconds());
        wentDown.accept(trunk);
        probeWhenDue(trunk);
    }

    private void probeWhenDue(String trunk) {
        dispatcher.nextProbeAt(trunk).ifPresent(at -> scheduler.after(delayUntil(at), () -> send(trunk)));
    }

    private void send(String trunk) {
        Duration timeout = dispatcher.breakerSettings(trunk).probeTimeout();
        CompletableFuture<Integer> answer;
        try {
            answer = probe.probe(trunk);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((status, failure) -> {
            Instant now = clock.instant();
            if (dispatcher.probed(trunk, failure == null ? status : null, now)) {
                log.info("Trunk {} answered OPTIONS with {}: calls on it resume", trunk, status);
            } else {
                log.debug("Trunk {} still down: probe got {}", trunk, failure == null ? status : failure.toString());
                probeWhenDue(trunk);
            }
        });
    }

    private Duration delayUntil(Instant at) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
