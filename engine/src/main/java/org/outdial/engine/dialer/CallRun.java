package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.storage.Transactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call from its start to its record: runs the flow and resolves the attempt exactly once,
 * with the flow's result, with a FAIL when the flow throws, or with a FAIL when no outcome came
 * within the call's cap (the watchdog), so that no number stays DIALING and every campaign can
 * finish. Then gives the line back, which wakes the campaigns waiting for the trunk.
 */
final class CallRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CallRun.class);

    /** What a call run needs from the dialer, shared by all of them. */
    record Context(Transactor db, CallRecorder recorder, Dispatcher dispatcher, Scheduler scheduler, Executor calls,
                   InstantSource clock, Consumer<String> trunkWentDown, AbandonmentLedger ledger, LiveCalls live,
                   CallFigures figures, CallMeters meters) {
    }

    private final Context context;
    private final CallFlow flow;
    private final CallTask task;
    private final Dispatcher.Line line;
    private final Duration cap;
    private final AtomicBoolean resolved = new AtomicBoolean();
    private volatile Thread runner;

    CallRun(Context context, CallFlow flow, CallTask task, Dispatcher.Line line, Duration cap) {
        this.context = context;
        this.flow = flow;
        this.task = task;
        this.line = line;
        this.cap = cap;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        Scheduler.Scheduled watchdog = context.scheduler().after(cap, this::overdue);
        try {
            resolve(flow.run(task));
        } catch (InterruptedException e) {
            // The watchdog (which resolves the attempt itself) or the dialer's close (crash recovery
            // resolves the number at the next start, as after a kill).
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("Autodialer {}: the call flow for {} failed", task.campaign().id(), task.number().phone(), e);
            resolve(failed("the call flow failed: " + e));
        } finally {
            watchdog.cancel();
        }
    }

    /** The watchdog: no outcome within the cap. Resolves on a thread of its own and stops the flow. */
    private void overdue() {
        if (resolved.get()) {
            return;
        }
        log.warn("Autodialer {}: no outcome for {} within {}; recording it as FAIL", task.campaign().id(),
                task.number().phone(), cap);
        context.calls().execute(() -> resolve(failed("no outcome within " + cap
                + " (the call's length cap and a margin): resolved by the dialer")));
        Thread flowThread = runner;
        if (flowThread != null) {
            flowThread.interrupt();
        }
    }

    private CallResult failed(String detail) {
        return CallResult.withoutCall(task.campaign().id(), task.number(), NumberState.FAIL,
                context.clock().instant(), detail);
    }

    private void resolve(CallResult result) {
        if (!resolved.compareAndSet(false, true)) {
            log.info("Autodialer {}: a late result for {} ignored, the attempt was already recorded",
                    task.campaign().id(), task.number().phone());
            return;
        }
        try {
            record(result);
        } catch (RuntimeException e) {
            // The number stays DIALING and is resolved at the next start (crash recovery).
            log.error("Autodialer {}: call to {} could not be recorded", task.campaign().id(),
                    task.number().phone(), e);
        } finally {
            context.live().ended(task.campaign().id(), task.progress());
            if (task.progress().wasDialed()) {
                context.figures().ended(task.campaign().id(), result.endedAt(), task.progress().connected(),
                        task.progress().postDialDelay());
            }
            if (context.dispatcher().release(line, result, context.clock().instant())) {
                context.trunkWentDown().accept(line.trunk());
            }
        }
    }

    private void record(CallResult result) {
        if (TrunkBreaker.Signal.of(result) == TrunkBreaker.Signal.UNREACHABLE
                && context.dispatcher().blame(line) == Dispatcher.Blame.TRUNK) {
            // A trunk that does not answer is not a callee who does not (docs/DIALER.md, "Trunk health").
            CallResult requeued = result.withDetail("trunk " + line.trunk() + " did not answer (Q.850 "
                    + result.q850Cause() + "): not counted as an attempt, the number is back in the queue");
            context.db().inTransactionRetrying(3, c -> context.recorder().requeue(c, requeued));
            context.meters().requeued(result.campaignId(), line.trunk());
            return;
        }
        // Outcomes ending together share one commit (group commit); each returns once it is durable.
        context.db().inSharedTransaction(c -> context.recorder().record(c, result, task.plan().repeat()));
        context.meters().ended(result, line.trunk());
        if (result.liveAnswered()) {
            context.ledger().counted(result.campaignId(), result.ledgerTime(), result.abandoned());
        }
    }
}
