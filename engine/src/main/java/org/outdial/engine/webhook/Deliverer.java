package org.outdial.engine.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * <p>Each send first takes the row's lease in a transaction of its own (so another node, or a
 * second deliverer on the same database, cannot send it at the same time) and records the outcome
 * in another once the response is in. A crash between the two leaves the row PENDING with a lease
 * that runs out after timeout + {@value #LEASE_MARGIN_SECONDS} s; it is then sent again: that one
 * in-flight request is the only one ever sent twice, with the same {@code webhook-id}.
 */
public final class Deliverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    static final long LEASE_MARGIN_SECONDS = 5;
    private static final int HEADS_PER_POLL = 1000;

    private record Queue(long autodialerId, long triggerActionId) {
    }

    private final Transactor db;
    private final InstantSource clock;
    private final WebhookSettings settings;
    private final TriggerActions handlers;
    private final WebhookSender sender;
    private final DeliveryRepository repository = new DeliveryRepository();
    private final Set<Queue> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wake = new Semaphore(0);
    private final Thread poller;
    private volatile boolean running = true;

    private Deliverer(Transactor db, InstantSource clock, WebhookSettings settings, TriggerActions handlers) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.handlers = handlers;
        this.sender = new WebhookSender(settings.timeout(), new TargetGuard(settings.allowPrivateTargets()));
        this.poller = Thread.ofPlatform().daemon().name("webhook-deliverer").unstarted(this::poll);
    }

    public static Deliverer start(Transactor db, InstantSource clock, WebhookSettings settings,
                                  TriggerActions handlers) {
        Deliverer deliverer = new Deliverer(db, clock, settings, handlers);
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

    private void poll() {
        while (running) {
            try {
                for (DeliveryRepository.Due due : db.read(c -> repository.dueHeads(c, clock.instant(), HEADS_PER_POLL))) {
                    Queue queue = new Queue(due.autodialerId(), due.triggerActionId());
                    if (running && active.add(queue)) {
                        workers.execute(() -> drain(queue));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Webhook deliverer: cannot read due deliveries, trying again: {}", e.toString());
            }
            try {
                if (wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends the queue's heads while they are due; another poll picks the queue up again later. */
    private void drain(Queue queue) {
        try {
            while (running) {
                Optional<DeliveryRepository.Due> head = db.read(c ->
                        repository.dueHead(c, queue.autodialerId(), queue.triggerActionId(), clock.instant()));
                if (head.isEmpty() || !attempt(head.get().id())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Webhook deliverer: queue {} stopped, will be taken up again: {}", queue, e.toString());
        } finally {
            active.remove(queue);
        }
    }

    /** One attempt at delivery {@code id}; false when another sender holds it. */
    private boolean attempt(long id) throws InterruptedException {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(settings.timeout()).plusSeconds(LEASE_MARGIN_SECONDS);
        if (!db.inTransaction(c -> repository.lease(c, id, now, leaseUntil))) {
            return false;
        }
        Optional<WebhookEvent> event = db.read(c -> repository.event(c, id));
        WebhookSender.Outcome outcome;
        Optional<TriggerActions.Signed> handler = event.isEmpty() ? Optional.empty()
                : handlers.signed(db.read(c -> repository.find(c, id)).orElseThrow().triggerActionId());
        if (event.isEmpty()) {
            outcome = new WebhookSender.Outcome(null, "the event is gone");
        } else if (handler.isEmpty()) {
            outcome = new WebhookSender.Outcome(null, "the handler was removed");
        } else if (!handler.get().action().type().isHttp()) {
            outcome = new WebhookSender.Outcome(null, "the handler is no longer a webhook ("
                    + handler.get().action().type() + ")");
        } else {
            outcome = sender.send(WebhookRequest.of(handler.get().action(), handler.get().secret(), event.get(),
                    settings.projectName(), clock.instant()));
        }
        record(id, outcome, handler.isPresent() && event.isPresent());
        return true;
    }

    private void record(long id, WebhookSender.Outcome outcome, boolean retriable) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            int made = repository.attempts(c, id) + 1;
            Optional<Duration> wait = retriable ? settings.waitAfter(made) : Optional.empty();
            if (outcome.success()) {
                repository.delivered(c, id, outcome.status(), now);
            } else if (wait.isPresent()) {
                repository.retry(c, id, outcome.status(), outcome.error(), now, now.plus(wait.get()));
            } else {
                repository.failed(c, id, outcome.status(), outcome.error(), now);
                log.info("Webhook delivery {} failed after {} attempts: {}", id, made, outcome.error());
            }
            return null;
        });
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
