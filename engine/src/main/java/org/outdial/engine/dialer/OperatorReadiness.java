package org.outdial.engine.dialer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.operator.OperatorClaims.Claim;

/**
 * The one listener on {@link OperatorClaims#onReady}, and the queue of answered callees waiting for
 * an operator across every campaign, oldest first. At every readiness it tells the dialer (which
 * looks again at the campaigns waiting for operators) and then lets the waiting callees try to claim
 * one in the order they started waiting: the callee nearest to its grace (or its wait limit) gets
 * the operator who just became free, not whichever woke first. A callee that joins tries at once,
 * but after every older one that is still waiting ({@link #join}); one that stops waiting leaves
 * with {@link #leave}, taking the claim it was handed in between, if any, so no claim is lost.
 */
public final class OperatorReadiness {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final TreeSet<Turn> queue = new TreeSet<>();
    private final AtomicLong joined = new AtomicLong();
    private final Object lock = new Object();
    /** A readiness while the queue is being served (on the same thread, from a claim): serve it again after. */
    private boolean serving;
    private boolean again;

    private OperatorReadiness() {
    }

    /** Listens to {@code claims}, once. */
    public static OperatorReadiness of(OperatorClaims claims) {
        OperatorReadiness readiness = new OperatorReadiness();
        Objects.requireNonNull(claims, "claims").onReady(readiness::fire);
        return readiness;
    }

    /**
     * One waiting callee's place in the queue.
     *
     * @param since   when the callee started waiting: its place
     * @param attempt claims an operator for it now if one of its lines is ready (must not block)
     */
    public static final class Turn implements Comparable<Turn> {
        private final Instant since;
        private final long order;
        private final Supplier<Optional<Claim>> attempt;
        private final CompletableFuture<Claim> claimed = new CompletableFuture<>();

        private Turn(Instant since, long order, Supplier<Optional<Claim>> attempt) {
            this.since = since;
            this.order = order;
            this.attempt = attempt;
        }

        /** Completes with the claim this callee was handed. */
        public CompletableFuture<Claim> claimed() {
            return claimed;
        }

        @Override
        public int compareTo(Turn o) {
            int c = since.compareTo(o.since);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /**
     * Joins the queue at {@code since} and tries at once after the older callees; {@link Turn#claimed}
     * is complete on return when an operator was free for it. Each join ends in one {@link #leave}.
     */
    public Turn join(Instant since, Supplier<Optional<Claim>> attempt) {
        Turn turn = new Turn(Objects.requireNonNull(since, "since"), joined.incrementAndGet(),
                Objects.requireNonNull(attempt, "attempt"));
        synchronized (lock) {
            queue.add(turn);
        }
        serve();
        return turn;
    }

    /**
     * Leaves the queue: the claim this callee was handed (to offer, or to release), or empty when
     * none was. A failed attempt's error is thrown here.
     */
    public Optional<Claim> leave(Turn turn) {
        synchronized (lock) {
            queue.remove(turn);
            if (!turn.claimed.isDone()) {
                turn.claimed.cancel(false);
                return Optional.empty();
            }
        }
        return Optional.of(turn.claimed.join());
    }

    /** Callees waiting in the queue now (for tests and ops). */
    public int waiting() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Called (on the claims' thread, must not block) at every readiness. */
    public void onReady(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void fire() {
        serve();
        listeners.forEach(Runnable::run);
    }

    /** The waiting callees try to claim, oldest first; those handed a claim leave the queue's turns. */
    private void serve() {
        synchronized (lock) {
            if (serving) {
                again = true;
                return;
            }
            serving = true;
            try {
                do {
                    again = false;
                    for (Turn turn : List.copyOf(queue)) {
                        if (turn.claimed.isDone() || !queue.contains(turn)) {
                            continue;
                        }
                        try {
                            turn.attempt.get().ifPresent(turn.claimed::complete);
                        } catch (RuntimeException e) {
                            turn.claimed.completeExceptionally(e);
                        }
                        if (turn.claimed.isDone()) {
                            queue.remove(turn);
                        }
                    }
                } while (again);
            } finally {
                serving = false;
            }
        }
    }
}
