package org.outdial.engine.number;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.outdial.engine.error.EngineException;

/**
 * The seed's rule that "one project can simultaneously delete or add numbers in only one
 * autodialer": the one permit that every bulk add or removal of numbers holds while it runs.
 */
public final class NumbersHandler {

    private final Semaphore permit = new Semaphore(1);

    public <T> T exclusively(Supplier<T> work) {
        if (!permit.tryAcquire()) {
            throw EngineException.busy("Handler is busy, try again later");
        }
        try {
            return work.get();
        } finally {
            permit.release();
        }
    }
}
