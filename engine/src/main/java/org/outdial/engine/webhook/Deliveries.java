package org.outdial.engine.webhook;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.Transactor;

/** Seeing and replaying webhook deliveries: what {@code /api/webhookDeliveries/action} calls. */
public final class Deliveries {

    public static final String NOT_FOUND = "Delivery not found";
    public static final int MAX_LIMIT = 1000;

    private final Transactor db;
    private final InstantSource clock;
    private final Runnable wake;
    private final DeliveryRepository repository = new DeliveryRepository();
    private final java.util.concurrent.locks.ReentrantLock removing = new java.util.concurrent.locks.ReentrantLock();

    /** @param wake tells the deliverer a delivery is due now (a REDELIVER) */
    public Deliveries(DataSource dataSource, InstantSource clock, Runnable wake) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wake = Objects.requireNonNull(wake, "wake");
    }

    /**
     * Newest first, of one handler and/or one autodialer (null for any), optionally in one state.
     *
     * @param offset rows to skip, 0 or more
     * @param limit  1..{@value #MAX_LIMIT}
     */
    public List<Delivery> list(Long triggerActionId, Long autodialerId, DeliveryState state, int offset, int limit) {
        if (offset < 0) {
            throw EngineException.invalid("Wrong offset: must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw EngineException.invalid("Wrong limit: must be 1.." + MAX_LIMIT);
        }
        return db.read(c -> repository.list(c, triggerActionId, autodialerId, state, offset, limit));
    }

    public Delivery find(long id) {
        return db.read(c -> repository.find(c, id)).orElseThrow(() -> EngineException.notFound(NOT_FOUND));
    }

    /**
     * Sends the delivery again from the start of the schedule, with its webhook-id: a FAILED one
     * after the receiver is fixed, or a DELIVERED one the receiver lost. It becomes its queue's
     * head again (the oldest PENDING), so later deliveries of its queue wait for it.
     */
    public void redeliver(long id) {
        db.inTransaction(c -> {
            if (!repository.redeliver(c, id, clock.instant())) {
                throw EngineException.notFound(NOT_FOUND);
            }
            return null;
        });
        wake.run();
    }

    /**
     * Seed 004 "Removing Scheduled Event Handlers": the deliveries not sent yet of the events of
     * {@code phones} (stored forms: {@code PhoneNumbers.normalize}) become REMOVED; a delivery being
     * sent at this moment is not scheduled any more and stays. One removal at a time per node, as
     * the seed has one per project.
     *
     * @return how many were removed
     * @throws Busy while another removal runs
     */
    public int removeScheduled(List<String> phones) {
        if (!removing.tryLock()) {
            throw new Busy();
        }
        try {
            return db.inTransaction(c -> repository.removeScheduled(c, List.copyOf(phones), clock.instant()));
        } finally {
            removing.unlock();
        }
    }

    /** Another {@link #removeScheduled} is running. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Wait until the previous request is processed", null, false, false);
        }
    }

    public long backlog() {
        return db.read(repository::pending);
    }
}
