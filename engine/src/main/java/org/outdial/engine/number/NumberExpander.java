package org.outdial.engine.number;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves accepted numbers from {@code number_batch} into {@code autodial_number}, one chunk per
 * transaction, on its own thread, so that ADD_NUMBERS answers once the numbers are durably
 * accepted rather than once 100,000 rows and their index entries are written.
 *
 * <p>The request that accepts numbers commits their chunks together with the autodialer's
 * statistics and status, then calls {@link #expand}. Every action that reads or changes an
 * autodialer's number rows first calls {@link #awaitExpanded}, so no client ever sees an
 * autodialer's numbers half there: GET_NUMBERS right after ADD_NUMBERS returns them, REMOVE_NUMBERS
 * finds them. The dialer does not claim from an autodialer with chunks left (numbers added with
 * highPriority must still go first) and is told when they are done. A chunk left by a crash is
 * expanded when the next process starts ({@link #start}); a chunk is deleted in the transaction
 * that writes its rows, so none is expanded twice.
 */
public final class NumberExpander implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NumberExpander.class);

    /** The seed's answer when a previous add or removal has not completed in time. */
    static final String BUSY = "Handler is busy, try again later";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);
    /** How often a waiter looks again even without a signal (a signal can race its look). */
    private static final long RECHECK_MILLIS = 50;

    private final Transactor db;
    private final NumberBatches batches;
    private final NumberRepository numbers;
    private final CampaignRepository campaigns;
    private final CampaignChanges changes;
    private final Duration waitLimit;
    private final ScheduledThreadPoolExecutor worker;
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    // A lock and condition rather than a monitor: waiters are often the HTTP server's virtual
    // threads, which Object.wait pins to their carrier on Java 21.
    private final ReentrantLock progress = new ReentrantLock();
    private final Condition chunkDone = progress.newCondition();
    private long expandedChunks; // guarded by progress
    private volatile boolean closed;

    private NumberExpander(Transactor db, NumberBatches batches, NumberRepository numbers,
                           CampaignRepository campaigns, CampaignChanges changes, Duration waitLimit) {
        this.db = db;
        this.batches = batches;
        this.numbers = numbers;
        this.campaigns = campaigns;
        this.changes = changes;
        this.waitLimit = waitLimit;
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outdial-number-expander");
            t.setDaemon(true);
            return t;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts the expander and queues the chunks an earlier process accepted and did not expand.
     *
     * @param waitLimit how long an action waits for an autodialer's chunks before it answers
     *                  "Handler is busy, try again later"
     */
    public static NumberExpander start(Transactor db, NumberBatches batches, NumberRepository numbers,
                                       CampaignRepository campaigns, CampaignChanges changes, Duration waitLimit) {
        NumberExpander expander = new NumberExpander(db, batches, numbers, campaigns, changes, waitLimit);
        var left = db.read(batches::autodialers);
        if (!left.isEmpty()) {
            log.info("Expanding numbers accepted before the last stop into {} autodialer(s)", left.size());
        }
        left.forEach(expander::expand);
        return expander;
    }

    /** Queues the autodialer's chunks for expansion (after the transaction that staged them committed). */
    public void expand(long campaignId) {
        if (!closed && queued.add(campaignId)) {
            try {
                worker.execute(() -> run(campaignId, FIRST_RETRY));
            } catch (RejectedExecutionException e) {
                queued.remove(campaignId); // closing: the next start expands what is stored
            }
        }
    }

    /**
     * Returns once the autodialer has no chunk waiting, as seen on {@code c} (read committed: each
     * look sees the expander's latest commit). Callable while holding the autodialer's row lock:
     * the expander never takes it.
     *
     * @throws EngineException busy ("Handler is busy, try again later") after the wait limit
     */
    public void awaitExpanded(Connection c, long campaignId) {
        await(() -> {
            try {
                return batches.pending(c, campaignId);
            } catch (SQLException e) {
                throw new StorageException(e);
            }
        });
    }

    /**
     * As {@link #awaitExpanded(Connection, long)}, each look on a connection borrowed for it: a
     * waiter holds none in between, so waiters cannot take the connections the expander needs.
     */
    public void awaitExpanded(long campaignId) {
        await(() -> db.read(c -> batches.pending(c, campaignId)));
    }

    private void await(BooleanSupplier pending) {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (true) {
            long seen = expandedChunks();
            if (!pending.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw EngineException.busy(BUSY);
            }
            awaitProgress(seen, Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, RECHECK_MILLIS));
        }
    }

    private void run(long campaignId, Duration retry) {
        queued.remove(campaignId);
        int chunks = 0;
        try {
            while (!closed && db.inTransaction(c -> expandOldest(c, campaignId))) {
                chunks++;
                signal();
            }
        } catch (RuntimeException e) {
            Duration next = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            log.error("Autodialer {}: accepted numbers could not be written out; trying again in {} s",
                    campaignId, retry.toSeconds(), e);
            if (!closed && queued.add(campaignId)) {
                worker.schedule(() -> run(campaignId, next), retry.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (chunks > 0) {
            log.debug("Autodialer {}: {} chunk(s) of accepted numbers written out", campaignId, chunks);
            changes.changed(campaignId);
        }
    }

    /** Expands the autodialer's oldest chunk; false when there was none. */
    private boolean expandOldest(Connection c, long campaignId) throws SQLException {
        Optional<NumberBatches.Batch> batch = batches.oldest(c, campaignId);
        if (batch.isEmpty()) {
            return false;
        }
        if (campaigns.find(c, campaignId).isEmpty()) {
            // Removal waits for expansion, so this is only a leftover: its numbers have no home.
            log.warn("Autodialer {} is gone; dropping {} accepted numbers not yet written out", campaignId,
                    batch.get().numbers().size());
            batches.deleteAll(c, campaignId);
            return true;
        }
        numbers.insertAccepted(c, campaignId, batch.get().numbers(), batch.get().highPriority());
        batches.delete(c, batch.get().id());
        return true;
    }

    private long expandedChunks() {
        progress.lock();
        try {
            return expandedChunks;
        } finally {
            progress.unlock();
        }
    }

    private void signal() {
        progress.lock();
        try {
            expandedChunks++;
            chunkDone.signalAll();
        } finally {
            progress.unlock();
        }
    }

    private void awaitProgress(long seen, long millis) {
        long left = TimeUnit.MILLISECONDS.toNanos(millis);
        progress.lock();
        try {
            while (expandedChunks == seen && left > 0) {
                left = chunkDone.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.busy(BUSY);
        } finally {
            progress.unlock();
        }
    }

    /**
     * Stops after the chunk being written (if any); chunks still waiting stay stored and are
     * expanded by the next start.
     */
    @Override
    public void close() {
        closed = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("Number expander did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
