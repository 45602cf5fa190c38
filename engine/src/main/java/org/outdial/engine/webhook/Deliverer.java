package org.outdial.engine.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.outdial.engine.metrics.DeliveryMeters;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.trigger.TriggerActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one deliverer: sends webhook deliveries as the database says, so a kill -9 loses
 * nothing. A queue is one (autodialer, handler): its oldest PENDING delivery goes first and the
 * next waits until it is delivered or failed, which keeps a handler's events from one autodialer
 * in order. A poller looks for due queue heads every {@code poll-interval}; each queue with one
 * gets a virtual thread that sends head after head while they are due.
 *
 * <p>Each send first takes the row's lease (so another node, or a second deliverer on the same
 * database, cannot send it at the same time) and records the outcome once the response is in,
 * in the transaction that leases the queue's next head. A crash between the two leaves the row PENDING with a lease
 * that runs out after timeout + {@value #LEASE_MARGIN_SECONDS} s; it is then sent again: that one
 * in-flight request is the only one ever sent twice, with the same {@code webhook-id}.
 */
public final class Deliverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    static final long LEASE_MARGIN_SECONDS = 5;
    private static final int QUEUES_PER_POLL = 10_000;
    static final long FULL_SCAN_MILLIS = 1000;

    private record Queue(long autodialerId, long triggerActionId) {
    }

    private record CachedHandler(Optional<TriggerActions.Signed> handler, long readAt) {
    }

    static final long HANDLER_CACHE_MILLIS = 1000;
    private static final WebhookSender.Outcome GONE = new WebhookSender.Outcome(null, "the event is gone");
    private static final WebhookSender.Outcome REMOVED = new WebhookSender.Outcome(null, "the handler was removed");

    private final Transactor db;
    private final InstantSource clock;
    private final WebhookSettings settings;
    private final TriggerActions handlers;
    private final WebhookSender sender;
    private final DeliveryMeters meters;
    private final DeliveryRepository repository = new DeliveryRepository();
    private final Set<Queue> active = ConcurrentHashMap.newKeySet();
    private final Map<Long, CachedHandler> handlerCache = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wake = new Semaphore(0);
    private final Thread poller;
    private volatile boolean running = true;

    private Deliverer(Transactor db, InstantSource clock, WebhookSettings settings, TriggerActions handlers,
                      DeliveryMeters meters) {
        this.db = db;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
        this.handlers = handlers;
        this.sender = new WebhookSender(settings.timeout(), new TargetGuard(settings.allowPrivateTargets()));
        this.poller = Thread.ofPlatform().daemon().name("webhook-deliverer").unstarted(this::poll);
    }

    public static Deliverer start(Transactor db, InstantSource clock, WebhookSettings settings,
                                  TriggerActions handlers) {
        return start(db, clock, settings, handlers, DeliveryMeters.none());
    }

    /** As above, telling {@code meters} of each attempt and reading the backlog for them (docs/METRICS.md). */
    public static Deliverer start(Transactor db, InstantSource clock, WebhookSettings settings,
                                  TriggerActions handlers, DeliveryMeters meters) {
        Deliverer deliverer = new Deliverer(db, clock, settings, handlers, meters);
        meters.backlog(deliverer::backlog);
        deliverer.poller.start();
        return deliverer;
    }

    /** Looks for due deliveries now rather than at the next poll (after a REDELIVER or UNPAUSE). */
    public void wake() {
        wake.release();
    }

    /** PENDING deliveries, the backlog. */
    public long backlog() {
        return db.read(repository::pending);
    }

    /**
     * Every poll interval, the queues of deliveries written since the last look (a key range, cheap
     * with any backlog); every {@value #FULL_SCAN_MILLIS} ms, and at once after {@link #wake}, every
     * queue with a PENDING delivery, which also finds retries come due, resumed handlers, expired
     * leases and rows that committed after a later id was seen.
     */
    private void poll() {
        long seen = 0;
        long lastFull = 0;
        boolean full = true;
        while (running) {
            try {
                long since = seen;
                List<DeliveryRepository.Due> queues = full
                        ? db.read(c -> repository.queues(c, QUEUES_PER_POLL))
                        : db.read(c -> repository.newQueues(c, since));
                if (full) {
                    lastFull = System.nanoTime();
                }
                for (DeliveryRepository.Due due : queues) {
                    seen = Math.max(seen, due.id());
                    Queue queue = new Queue(due.autodialerId(), due.triggerActionId());
                    if (running && active.add(queue)) {
                        workers.execute(() -> drain(queue));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Webhook deliverer: cannot read due deliveries, trying again: {}", e.toString());
            }
            try {
                boolean woken = wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (woken) {
                    wake.drainPermits();
                }
                full = woken || System.nanoTime() - lastFull >= TimeUnit.MILLISECONDS.toNanos(FULL_SCAN_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Sends the queue's heads while they are due; another poll picks the queue up again later.
     * Each outcome is recorded in the transaction that leases the queue's next head, so a steady
     * queue costs one commit per delivery, shared with whatever else commits at that moment.
     */
    private void drain(Queue queue) {
        try {
            Optional<DeliveryRepository.Head> next = db.inTransaction(c -> leaseHead(c, queue));
            while (running && next.isPresent()) {
                DeliveryRepository.Head head = next.get();
                WebhookSender.Outcome outcome = send(head);
                // Shared with other queues' outcomes (and the dialer's): one commit for all that
                // arrive together, as call outcomes do (Transactor.inSharedTransaction).
                next = db.inSharedTransaction(c -> {
                    record(c, head, outcome);
                    return leaseHead(c, queue);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Webhook deliverer: queue {} stopped, will be taken up again: {}", queue, e.toString());
        } finally {
            active.remove(queue);
        }
    }

    /** Leases the queue's head if it is due; empty when none is or another sender holds it. */
    private Optional<DeliveryRepository.Head> leaseHead(Connection c, Queue queue) throws SQLException {
        Instant now = clock.instant();
        Optional<DeliveryRepository.Head> head = repository.dueHead(c, queue.autodialerId(), queue.triggerActionId(),
                now);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Instant until = now.plus(settings.timeout()).plusSeconds(LEASE_MARGIN_SECONDS);
        return repository.lease(c, head.get().id(), now, until) ? head : Optional.empty();
    }

    /** One attempt at a leased head. */
    private WebhookSender.Outcome send(DeliveryRepository.Head head) throws InterruptedException {
        if (head.event() == null) {
            return GONE;
        }
        Optional<TriggerActions.Signed> handler = handler(head.triggerActionId());
        if (handler.isEmpty()) {
            return REMOVED;
        }
        if (!handler.get().action().type().isHttp()) {
            return new WebhookSender.Outcome(null, "the handler is no longer a webhook ("
                    + handler.get().action().type() + ")");
        }
        return sender.send(WebhookRequest.of(handler.get().action(), handler.get().secret(), head.event(),
                settings.projectName(), clock.instant()));
    }

    /**
     * The handler as it was stored at most {@value #HANDLER_CACHE_MILLIS} ms ago: an UPDATE applies to
     * the requests that start after that.
     */
    private Optional<TriggerActions.Signed> handler(long id) {
        long now = System.nanoTime();
        CachedHandler cached = handlerCache.get(id);
        if (cached != null && now - cached.readAt() < TimeUnit.MILLISECONDS.toNanos(HANDLER_CACHE_MILLIS)) {
            return cached.handler();
        }
        Optional<TriggerActions.Signed> read = handlers.signed(id);
        handlerCache.put(id, new CachedHandler(read, now));
        return read;
    }

    private void record(Connection c, DeliveryRepository.Head head, WebhookSender.Outcome outcome)
            throws SQLException {
        Instant now = clock.instant();
        long id = head.id();
        int made = head.attempts() + 1;
        boolean retriable = outcome != GONE && outcome != REMOVED;
        Optional<Duration> wait = retriable ? settings.waitAfter(made) : Optional.empty();
        DeliveryMeters.Result result;
        if (outcome.success()) {
            repository.delivered(c, id, outcome.status(), now);
            result = DeliveryMeters.Result.DELIVERED;
        } else if (wait.isPresent()) {
            repository.retry(c, id, outcome.status(), outcome.error(), now, now.plus(wait.get()));
            result = DeliveryMeters.Result.RETRIED;
        } else {
            repository.failed(c, id, outcome.status(), outcome.error(), now);
            log.info("Webhook delivery {} failed after {} attempts: {}", id, made, outcome.error());
            result = DeliveryMeters.Result.FAILED;
        }
        // Counted as the outcome is written; the transaction may still roll back (the attempt is then
        // made again and counted again), which a counter of attempts may show.
        meters.attempted(result, head.event() == null ? Duration.ZERO
                : Duration.between(head.event().createdAt(), now));
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        poller.interrupt();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
