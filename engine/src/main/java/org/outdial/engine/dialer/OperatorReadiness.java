package org.outdial.engine.dialer;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.outdial.engine.operator.OperatorClaims;

/**
 * The one listener on {@link OperatorClaims#onReady}: hands each "an operator may be ready" to the
 * dialer (which looks again at the campaigns waiting for operators) and to the calls waiting for
 * one. A waiting call takes {@link #next()} before it tries to claim, so a readiness between its
 * failed claim and its wait is not lost, and gives it back with {@link #forget} when it stops
 * waiting, so calls that never saw a readiness leave nothing behind.
 */
public final class OperatorReadiness {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();

    private OperatorReadiness() {
    }

    /** Listens to {@code claims}, once. */
    public static OperatorReadiness of(OperatorClaims claims) {
        OperatorReadiness readiness = new OperatorReadiness();
        Objects.requireNonNull(claims, "claims").onReady(readiness::fire);
        return readiness;
    }

    /** Completes at the next readiness after this call. */
    public CompletableFuture<Void> next() {
        CompletableFuture<Void> next = new CompletableFuture<>();
        waiting.add(next);
        return next;
    }

    /** The caller no longer waits on {@code next}. */
    public void forget(CompletableFuture<Void> next) {
        waiting.remove(next);
    }

    /** Calls waiting for a readiness now (for tests and ops). */
    public int waiting() {
        return waiting.size();
    }

    /** Called (on the claims' thread, must not block) at every readiness. */
    public void onReady(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void fire() {
        for (CompletableFuture<Void> next : waiting) {
            waiting.remove(next);
            next.complete(null);
        }
        listeners.forEach(Runnable::run);
    }
}
