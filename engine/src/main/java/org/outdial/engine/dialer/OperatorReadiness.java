package org.outdial.engine.dialer;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.outdial.engine.operator.OperatorClaims;

/**
 * The one listener on {@link OperatorClaims#onReady}: hands each "an operator may be ready" to the
 * dialer (which looks again at the campaigns waiting for operators) and to the calls waiting for
 * one. A waiting call takes {@link #next()} before it tries to claim, so a readiness between its
 * failed claim and its wait is not lost.
 */
public final class OperatorReadiness {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> next = new CompletableFuture<>();

    private OperatorReadiness() {
    }

    /** Listens to {@code claims}, once. */
    public static OperatorReadiness of(OperatorClaims claims) {
        OperatorReadiness readiness = new OperatorReadiness();
        Objects.requireNonNull(claims, "claims").onReady(readiness::fire);
        return readiness;
    }

    /** Completes at the next readiness after this call. */
    public synchronized CompletableFuture<Void> next() {
        return next;
    }

    /** Called (on the claims' thread, must not block) at every readiness. */
    public void onReady(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void fire() {
        CompletableFuture<Void> fired;
        synchronized (this) {
            fired = next;
            next = new CompletableFuture<>();
        }
        fired.complete(null);
        listeners.forEach(Runnable::run);
    }
}
