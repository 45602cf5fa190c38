package org.outdial.sip.call;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way a call's state changes: an update runs under the call's lock, so the state machine
 * sees one event at a time (the stack's listener is re-entrant, so events of one call arrive on
 * several threads); what the update defers to {@code after} runs once the lock is released, in
 * order, so a flow woken by a future it completes never runs inside the lock.
 */
final class CallLock {

    private final ReentrantLock lock = new ReentrantLock();

    /** Runs {@code update} under the lock, then what it added to its list, outside the lock. */
    void update(Consumer<List<Runnable>> update) {
        List<Runnable> after = new ArrayList<>(2);
        lock.lock();
        try {
            update.accept(after);
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    /** Reads under the lock, for a consistent view of state that updates change. */
    <T> T read(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
