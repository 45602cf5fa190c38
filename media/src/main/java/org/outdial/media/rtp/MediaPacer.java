package org.outdial.media.rtp;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one 20 ms clock of all RTP sessions of a process.
 *
 * <p>A single high-priority platform thread waits for absolute deadlines ({@code deadline += 20 ms},
 * never "sleep 20 ms", see {@link TickSchedule}): it parks until shortly before the deadline and
 * spins the last {@value #SPIN_NANOS} ns, because {@code parkNanos} on Linux wakes up to ~60 µs late
 * (timer slack). At each tick it wakes each Netty event loop that has sessions; the loop then
 * writes the due packet of every session it owns, in its own thread. So there is no timer per
 * call, no cross-thread write per packet (which in Netty means a task allocation and a possible
 * selector wake-up each), the sockets' writes are spread over all event loops, and a slow loop
 * delays only its own sessions.
 *
 * <p>Each loop's sessions are spread over {@value #SLOTS} slots, and the pacer ticks every
 * {@code 20 ms / SLOTS}: slot k's sessions send at {@code n × 20 ms + k × 2 ms}. Every session
 * still sends exactly every 20 ms, but a tick writes a tenth of the packets, so the time a
 * session waits behind the others in its batch (and the jitter of that wait, which is what a
 * callee hears as send-interval error) shrinks tenfold; with one burst of 2,000 writes per 20 ms
 * the last packets of a burst went out 8-10 ms after the first.
 *
 * <p>Sessions register and unregister on their channel's event loop, so each loop's session lists
 * have a single owner and need no lock.
 */
public final class MediaPacer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaPacer.class);

    /** RFC 3551 §4.2: 20 ms packets. */
    public static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Phases of the 20 ms period that sessions are spread over. */
    static final int SLOTS = 10;
    /** How often the pacer ticks: one slot's turn. */
    static final long SLOT_NANOS = PERIOD_NANOS / SLOTS;
    static final long SPIN_NANOS = 100_000;
    /** Up to 100 ms late the pacer catches up packet by packet; beyond that it skips. */
    static final long MAX_LAG_TICKS = 5;

    /**
     * One event loop's sessions; the list is touched only in that loop. At most one tick task per
     * loop is queued at a time: when a loop falls behind, the pacer does not pile up tasks; the
     * next run sends every tick the loop missed, back to back, up to {@link #MAX_LAG_TICKS}, and
     * skips older ones (their timestamps are skipped too, so receivers see a gap, not late audio).
     */
    private final class LoopSessions implements Runnable {
        final EventLoop loop;
        final List<List<RtpSender>> slots = new ArrayList<>(SLOTS);
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile int size;
        volatile long latestTick = -1;
        long doneTick = -1;
        /** How late each run started after the deadline of the first slot tick it sends, and how long it took. */
        final MicrosHistogram startLateness = new MicrosHistogram();
        final MicrosHistogram runTime = new MicrosHistogram();

        LoopSessions(EventLoop loop) {
            this.loop = loop;
            for (int k = 0; k < SLOTS; k++) {
                slots.add(new ArrayList<>());
            }
        }

        /** The slot with the fewest sessions, so every phase carries about the same load. */
        int lightestSlot() {
            int best = 0;
            for (int k = 1; k < SLOTS; k++) {
                if (slots.get(k).size() < slots.get(best).size()) {
                    best = k;
                }
            }
            return best;
        }

        /** Pacer thread: tick {@code tick} is due. */
        void offer(long tick) {
            latestTick = tick;
            if (scheduled.compareAndSet(false, true)) {
                try {
                    loop.execute(this);
                } catch (RuntimeException e) {
                    // The group is shutting down; close() stops the pacer next.
                    log.debug("Event loop refused a media tick", e);
                }
            }
        }

        /** Event loop: sends every due tick. */
        @Override
        public void run() {
            scheduled.set(false);
            long target = latestTick;
            long began = System.nanoTime();
            long from = firstTickToRun(doneTick, target, MAX_LAG_TICKS * SLOTS);
            startLateness.record((began - (startNanos + from * SLOT_NANOS)) / 1_000);
            if (doneTick >= 0 && from > doneTick + 1) {
                loopSkippedTicks.add(from - doneTick - 1);
            }
            for (long slotTick = from; slotTick <= target; slotTick++) {
                // Slot tick s is slot (s mod SLOTS)'s turn in 20 ms period (s / SLOTS).
                long tick = slotTick / SLOTS;
                long deadline = startNanos + slotTick * SLOT_NANOS;
                List<RtpSender> senders = slots.get((int) (slotTick % SLOTS));
                for (int i = 0; i < senders.size(); i++) {
                    RtpSender sender = senders.get(i);
                    try {
                        sender.onTick(tick, deadline);
                    } catch (RuntimeException e) {
                        // One broken session must not silence the other calls on this loop.
                        log.warn("Media tick failed for {}", sender, e);
                    }
                }
            }
            doneTick = Math.max(doneTick, target);
            runTime.record((System.nanoTime() - began) / 1_000);
        }

        LoopTiming timing() {
            return new LoopTiming(size, startLateness.count(), startLateness.percentile(0.50),
                    startLateness.percentile(0.99), startLateness.max(), runTime.percentile(0.50),
                    runTime.percentile(0.99), runTime.max());
        }
    }

    /**
     * Which tick a loop that has sent up to {@code doneTick} (-1: none yet) starts from when
     * {@code target} is due: the next one, unless that is {@code maxLag} or more ticks behind, in
     * which case only the last {@code maxLag} ticks are sent.
     */
    static long firstTickToRun(long doneTick, long target, long maxLag) {
        long from = doneTick < 0 ? target : doneTick + 1;
        return Math.max(from, target - maxLag + 1);
    }

    private final Map<EventExecutor, LoopSessions> byLoop = new IdentityHashMap<>();
    private final LoopSessions[] loops;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long ticks;
    private volatile long skippedTicks;
    private final LongAdder loopSkippedTicks = new LongAdder();
    private final long startNanos = System.nanoTime() + PERIOD_NANOS;

    MediaPacer(EventLoopGroup group) {
        List<LoopSessions> all = new ArrayList<>();
        for (EventExecutor executor : group) {
            LoopSessions sessions = new LoopSessions((EventLoop) executor);
            byLoop.put(executor, sessions);
            all.add(sessions);
        }
        this.loops = all.toArray(new LoopSessions[0]);
        this.thread = Thread.ofPlatform().name("outdial-media-pacer").daemon(true)
                .priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Adds a session's sender to the ticks; called on the session's event loop. */
    void register(RtpSender sender) {
        LoopSessions owner = ownerOf(sender);
        if (sender.pacerIndex >= 0) {
            return;
        }
        int slot = owner.lightestSlot();
        List<RtpSender> list = owner.slots.get(slot);
        sender.pacerSlot = slot;
        sender.pacerIndex = list.size();
        list.add(sender);
        owner.size++;
    }

    /** Removes a session's sender from the ticks; called on the session's event loop. O(1) by swap-remove. */
    void unregister(RtpSender sender) {
        int index = sender.pacerIndex;
        if (index < 0) {
            return;
        }
        LoopSessions owner = ownerOf(sender);
        List<RtpSender> list = owner.slots.get(sender.pacerSlot);
        RtpSender last = list.removeLast();
        if (last != sender) {
            list.set(index, last);
            last.pacerIndex = index;
        }
        sender.pacerIndex = -1;
        sender.pacerSlot = -1;
        owner.size--;
    }

    private LoopSessions ownerOf(RtpSender sender) {
        EventLoop loop = sender.eventLoop();
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("pacer registration must run on the session's event loop");
        }
        LoopSessions owner = byLoop.get(loop);
        if (owner == null) {
            throw new IllegalStateException("session's event loop does not belong to this pacer's group");
        }
        return owner;
    }

    /**
     * One event loop's pacing since start: how late its tick runs began after the deadline (the
     * loop was busy or not scheduled) and how long they took (writing one slot's packets).
     */
    public record LoopTiming(int sessions, long runs, long lateP50Micros, long lateP99Micros, long lateMaxMicros,
                             long runP50Micros, long runP99Micros, long runMaxMicros) {
    }

    /** Each event loop's {@link LoopTiming}, read on the loops themselves. */
    public List<LoopTiming> loopTimings() {
        List<LoopTiming> timings = new ArrayList<>();
        for (LoopSessions sessions : loops) {
            try {
                timings.add(sessions.loop.submit(sessions::timing).get(1, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MediaException("interrupted while reading pacer timings", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new MediaException("cannot read pacer timings", e);
            }
        }
        return timings;
    }

    /** 20 ms periods run since start. */
    public long ticks() {
        return ticks / SLOTS;
    }

    /** 20 ms periods skipped because the pacer thread was more than 100 ms late. */
    public long skippedTicks() {
        return skippedTicks / SLOTS;
    }

    /** 20 ms periods an event loop skipped because it was more than 100 ms behind (summed over loops). */
    public long loopSkippedTicks() {
        return loopSkippedTicks.sum() / SLOTS;
    }

    private void run() {
        TickSchedule schedule = new TickSchedule(startNanos, SLOT_NANOS, MAX_LAG_TICKS * SLOTS);
        while (running) {
            waitUntil(schedule.deadline());
            if (!running) {
                break;
            }
            long skipped = schedule.skipIfHopelesslyLate(System.nanoTime());
            if (skipped > 0) {
                skippedTicks = schedule.skippedTicks();
                log.warn("Media pacer was {} ms late; skipped {} slot ticks", skipped * SLOT_NANOS / 1_000_000, skipped);
            }
            long tick = schedule.tick();
            for (LoopSessions sessions : loops) {
                if (sessions.size > 0) {
                    sessions.offer(tick);
                }
            }
            schedule.advance();
            ticks = tick + 1;
        }
    }

    private void waitUntil(long deadline) {
        long remaining;
        while (running && (remaining = deadline - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(remaining - SPIN_NANOS);
        }
        while (running && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
