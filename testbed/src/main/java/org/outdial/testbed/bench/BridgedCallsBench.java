package org.outdial.testbed.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.outdial.media.codec.Codec;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.media.rtp.RelayStats;
import org.outdial.sip.call.MediaLeg;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.testbed.sipp.LoopbackPorts;

/**
 * Bridged calls at once (issue 10): N pairs of RTP legs in one {@link MediaEngine}, each pair
 * relaying both ways through {@link MediaLeg#relayFrom} (the path {@code SipCall.bridge} takes,
 * without the SIP that set the calls up), for D seconds. The far ends are in this process: one
 * thread sends every far end's 20 ms PCMU packet (spread over ten 2 ms slots, as Outdial's pacer
 * does) from a few UDP sockets, and one thread per socket receives what the legs relay. Each
 * payload carries its stream, its 20 ms period and {@code System.nanoTime()} at sending, written
 * in µ-law codes that survive the relay's decode and re-encode; so every frame's end-to-end delay
 * (far end A's send to far end B's receive, loopback) and every lost frame is counted.
 *
 * <p>Reported: Outdial's CPU (the process's CPU time over the measured window minus the far-end
 * threads' own, divided by the wall time: cores), the delay p50/p99/max, and frames sent vs
 * received in the window. Goal: at most 1 core, no loss on loopback.
 *
 * <pre>./outdial bench bridged-calls [--pairs 500] [--seconds 60] [--warmup 5] [--sockets 4]</pre>
 */
public final class BridgedCallsBench {

    static final String USAGE = "usage: ./outdial bench bridged-calls [--pairs 500] [--seconds 60] [--warmup 5] [--sockets 4]";
    private static final long PERIOD_NANOS = 20_000_000;
    private static final int SLOTS = 10;
    private static final long SLOT_NANOS = PERIOD_NANOS / SLOTS;
    private static final int HEADER = 12;
    private static final int FRAME = 160;
    private static final byte MAGIC = 0x5A;
    /** µ-law codes 0x40..0x4F: one nibble each; every code but 0x7F survives decode and re-encode. */
    private static final int NIBBLE_BASE = 0x40;
    /** Delay histogram: 50 µs buckets up to 1 s. */
    private static final int BUCKET_MICROS = 50;
    private static final int BUCKETS = 20_000;
    /**
     * How far back a far end's late send counts for a lost frame of its stream: 2 s, the relay's
     * one-second trim window and the second before it in which the burst could have left its FIFO deep.
     */
    private static final int LOOKBACK_PERIODS = 100;

    private int pairs = 500;
    private int seconds = 60;
    private int warmupSeconds = 5;
    private int socketCount = 4;

    public static void main(String[] args) throws Exception {
        BridgedCallsBench bench = new BridgedCallsBench();
        if (!bench.parse(args)) {
            System.out.println(USAGE);
            return;
        }
        bench.run();
    }

    private boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--sockets" -> socketCount = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    return false;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (pairs < 1 || seconds < 1 || warmupSeconds < 0 || socketCount < 1) {
            throw new IllegalArgumentException("pairs, seconds and sockets must be positive, warmup not negative; " + USAGE);
        }
        return true;
    }

    /** One far-end socket's receiving thread and what it counted. */
    private final class Receiver implements Runnable {
        final DatagramChannel socket;
        final long[] histogram = new long[BUCKETS];
        final BitSet got = ledger.receivedSet();
        long received;
        long silence;
        long garbled;
        long maxMicros;
        volatile long threadId;

        Receiver(DatagramChannel socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            threadId = Thread.currentThread().threadId();
            ByteBuffer in = ByteBuffer.allocateDirect(1500);
            try {
                while (true) {
                    in.clear();
                    socket.receive(in);
                    long now = System.nanoTime();
                    in.flip();
                    onPacket(in, now);
                }
            } catch (ClosedChannelException e) {
                // the run is over
            } catch (IOException e) {
                System.err.println("far-end receiver: " + e);
            }
        }

        private void onPacket(ByteBuffer in, long now) {
            if (in.remaining() < HEADER + FRAME) {
                garbled++;
                return;
            }
            int at = HEADER;
            byte first = in.get(at);
            if (first == Codec.PCMU.silenceByte()) {
                silence++;
                return;
            }
            if (first != MAGIC) {
                garbled++;
                return;
            }
            long stream = nibbles(in, at + 1, 8);
            long sent = nibbles(in, at + 1 + 8, 16);
            long period = nibbles(in, at + 1 + 8 + 16, 8);
            if (stream < 0 || sent == -1 || period < 0) {
                garbled++;
                return;
            }
            if (sent < windowStart || sent >= windowEnd) {
                return;
            }
            received++;
            ledger.onReceived(got, (int) stream, period);
            long micros = Math.max(0, (now - sent) / 1_000);
            maxMicros = Math.max(maxMicros, micros);
            histogram[(int) Math.min(BUCKETS - 1, micros / BUCKET_MICROS)]++;
        }
    }

    /** {@code count} nibbles from {@code at} as one number (the first the highest), or -1 if one is not a nibble code. */
    private static long nibbles(ByteBuffer in, int at, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            int b = in.get(at + i) & 0xFF;
            if ((b & 0xF0) != NIBBLE_BASE) {
                return -1;
            }
            value = (value << 4) | (b & 0x0F);
        }
        return value;
    }

    /** Far-end sends in the window that left more than 5 ms after their 2 ms slot's deadline, and the latest. */
    private volatile long lateSends;
    private volatile long latestSendMicros;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    /** What was sent, sent late and received, frame by frame: where the lost frames were. */
    private FrameLedger ledger;

    private void run() throws Exception {
        System.out.println("bridged-calls benchmark: " + BenchMachine.describe());
        System.out.printf(Locale.ROOT, "method: %d pairs (%d legs) in one media engine, each pair bridged both ways with "
                + "MediaLeg.relayFrom (SipCall.bridge's path, no SIP), PCMU on every leg; far ends in this process: "
                + "%d UDP sockets, one sender thread (20 ms per stream, ten 2 ms slots), one receiver thread per socket, "
                + "all at the media threads' priority; "
                + "%d s warm-up, %d s measured; delay = far end A's send to far end B's receive on loopback, end to end%n",
                pairs, 2 * pairs, socketCount, warmupSeconds, seconds);
        System.out.println("before: load average " + BenchMachine.loadAverage() + "; " + BenchMachine.stallProbe(Duration.ofSeconds(2)));
        int rtpPorts = 4 * pairs + 16;
        int rtpBase = LoopbackPorts.evenRange(rtpPorts);
        List<DatagramChannel> sockets = new ArrayList<>();
        // Every period of the run (start 100 ms after now, the warm-up, the window, the 1 s tail), with room.
        ledger = new FrameLedger((int) ((warmupSeconds + seconds + 2) * 1000L / 20));
        try (MediaEngine engine = MediaEngine.start(new MediaSettings("127.0.0.1", rtpBase, rtpBase + rtpPorts - 1))) {
            for (int s = 0; s < socketCount; s++) {
                DatagramChannel socket = DatagramChannel.open();
                socket.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
                socket.setOption(StandardSocketOptions.SO_SNDBUF, 8 << 20);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                sockets.add(socket);
            }
            RtpMediaLegs legs = new RtpMediaLegs(engine);
            MediaLeg[] legA = new MediaLeg[pairs];
            MediaLeg[] legB = new MediaLeg[pairs];
            for (int p = 0; p < pairs; p++) {
                InetSocketAddress far = (InetSocketAddress) sockets.get(p % socketCount).getLocalAddress();
                legA[p] = legs.open();
                legB[p] = legs.open();
                legA[p].connect(far, Codec.PCMU, 101);
                legB[p].connect(far, Codec.PCMU, 101);
                legA[p].relayFrom(legB[p]);
                legB[p].relayFrom(legA[p]);
            }
            List<Receiver> receivers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (DatagramChannel socket : sockets) {
                Receiver receiver = new Receiver(socket);
                receivers.add(receiver);
                Thread thread = Thread.ofPlatform().name("far-end-receive").daemon().priority(Thread.MAX_PRIORITY)
                        .start(receiver);
                threads.add(thread);
            }
            AtomicLong sentInWindow = new AtomicLong();
            AtomicLong senderThread = new AtomicLong();
            long start = System.nanoTime() + 100_000_000;
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
            // Frames sent in the last second after the window still count if they were sent in it.
            long stopAt = measureTo + TimeUnit.SECONDS.toNanos(1);
            windowStart = measureFrom;
            windowEnd = measureTo;
            int[] ports = new int[2 * pairs];
            for (int p = 0; p < pairs; p++) {
                ports[2 * p] = legA[p].localPort();
                ports[2 * p + 1] = legB[p].localPort();
            }
            // The far ends stand for other hosts: at the media threads' priority (nice -20 when
            // ./outdial runs as root), so the other programs on the machine do not delay them.
            Thread sender = Thread.ofPlatform().name("far-end-send").daemon().priority(Thread.MAX_PRIORITY).start(() -> {
                senderThread.set(Thread.currentThread().threadId());
                send(sockets, ports, start, stopAt, sentInWindow);
            });
            ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
            LockSupport.parkNanos(measureFrom - System.nanoTime());
            Duration cpuFrom = BenchMachine.processCpu();
            long farCpuFrom = farEndCpu(threadBean, senderThread.get(), receivers);
            long[] systemFrom = BenchMachine.systemCpuJiffies();
            long[] udpFrom = udpErrors();
            long gcFrom = gcMillis();
            RelayStats relaysFrom = total(legA, legB);
            long wallFrom = System.nanoTime();
            LockSupport.parkNanos(measureTo - System.nanoTime());
            long wall = System.nanoTime() - wallFrom;
            Duration cpu = BenchMachine.processCpu().minus(cpuFrom);
            long farCpu = farEndCpu(threadBean, senderThread.get(), receivers) - farCpuFrom;
            long[] systemTo = BenchMachine.systemCpuJiffies();
            long[] udpTo = udpErrors();
            long gcMillis = gcMillis() - gcFrom;
            RelayStats relaysTo = total(legA, legB);
            String pacing = pacing(engine);
            sender.join();
            // What is still in flight arrives within a few ticks.
            Thread.sleep(300);
            RelayStats relays = relaysTo.since(relaysFrom);
            for (DatagramChannel socket : sockets) {
                socket.close();
            }
            for (Thread thread : threads) {
                thread.join(1000);
            }
            report(receivers, sentInWindow.get(), cpu.toNanos(), farCpu, wall, systemFrom, systemTo, udpFrom, udpTo, relays);
            FrameLedger.Losses losses = ledger.losses(receivers.stream().map(r -> r.got).toList(), LOOKBACK_PERIODS);
            System.out.printf(Locale.ROOT, "lost frames by their far end's sending: %d lost on %d streams; %d sent > 5 ms "
                    + "late themselves, %d sent on time on a stream whose far end sent > 5 ms late in the %d ms before, "
                    + "%d with the far end on time throughout%n", losses.lost(), losses.streams(), losses.lateItself(),
                    losses.afterLate(), LOOKBACK_PERIODS * 20, losses.onTime());
            System.out.println("GC during the window: " + gcMillis + " ms in total; " + pacing);
            for (int p = 0; p < pairs; p++) {
                legA[p].close();
                legB[p].close();
            }
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** How late the media event loops' tick runs began (since the engine started), and ticks skipped. */
    private static String pacing(MediaEngine engine) {
        StringBuilder text = new StringBuilder("media event loops' tick runs began late by");
        for (var loop : engine.pacer().loopTimings()) {
            text.append(String.format(Locale.ROOT, " [%d sessions: p99 %.1f ms, max %.1f ms]", loop.sessions(),
                    loop.lateP99Micros() / 1000.0, loop.lateMaxMicros() / 1000.0));
        }
        return text.append("; periods skipped: pacer ").append(engine.pacer().skippedTicks()).append(", loops ")
                .append(engine.pacer().loopSkippedTicks()).toString();
    }

    /** Linux's UDP InErrors and RcvbufErrors counters (all sockets of the machine), or zeros. */
    private static long[] udpErrors() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(lines.get(i).trim().split("\\s+"));
                    String[] values = lines.get(i + 1).trim().split("\\s+");
                    return new long[] {Long.parseLong(values[names.indexOf("InErrors")]),
                            Long.parseLong(values[names.indexOf("RcvbufErrors")])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return new long[] {0, 0};
    }

    private static long farEndCpu(ThreadMXBean bean, long senderId, List<Receiver> receivers) {
        long total = Math.max(0, bean.getThreadCpuTime(senderId));
        for (Receiver receiver : receivers) {
            total += Math.max(0, bean.getThreadCpuTime(receiver.threadId));
        }
        return total;
    }

    private static RelayStats total(MediaLeg[] legA, MediaLeg[] legB) {
        RelayStats relays = RelayStats.NONE;
        for (int p = 0; p < legA.length; p++) {
            relays = relays.plus(legA[p].relayStats()).plus(legB[p].relayStats());
        }
        return relays;
    }

    /** The far ends' sender: stream s (pair s / 2, side s % 2) sends in slot s % 10 of every 20 ms. */
    private void send(List<DatagramChannel> sockets, int[] ports, long start, long stopAt, AtomicLong sentInWindow) {
        ByteBuffer out = ByteBuffer.allocateDirect(HEADER + FRAME);
        InetSocketAddress[] targets = new InetSocketAddress[ports.length];
        for (int s = 0; s < ports.length; s++) {
            targets[s] = new InetSocketAddress("127.0.0.1", ports[s]);
        }
        long inWindow = 0;
        long late = 0;
        long latest = 0;
        for (long slotTick = 0; ; slotTick++) {
            long deadline = start + slotTick * SLOT_NANOS;
            if (deadline >= stopAt) {
                break;
            }
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long period = slotTick / SLOTS;
            for (int s = (int) (slotTick % SLOTS); s < ports.length; s += SLOTS) {
                long now = System.nanoTime();
                fill(out, s, period, now);
                try {
                    sockets.get((s / 2) % sockets.size()).send(out, targets[s]);
                } catch (IOException e) {
                    System.err.println("far-end sender: " + e);
                    return;
                }
                boolean measured = now >= windowStart && now < windowEnd;
                ledger.onSent(s, period, measured, now - deadline > 5_000_000);
                if (measured) {
                    inWindow++;
                    late += now - deadline > 5_000_000 ? 1 : 0;
                    latest = Math.max(latest, now - deadline);
                }
            }
        }
        lateSends = late;
        latestSendMicros = latest / 1_000;
        sentInWindow.set(inWindow);
    }

    private static void fill(ByteBuffer out, int stream, long period, long sentNanos) {
        out.clear();
        out.put((byte) 0x80).put((byte) 0).putShort((short) period).putInt((int) (period * FRAME)).putInt(stream + 1);
        out.put(MAGIC);
        for (int i = 7; i >= 0; i--) {
            out.put((byte) (NIBBLE_BASE | (int) ((stream >>> (4 * i)) & 0xF)));
        }
        for (int i = 15; i >= 0; i--) {
            out.put((byte) (NIBBLE_BASE | (int) ((sentNanos >>> (4 * i)) & 0xF)));
        }
        for (int i = 7; i >= 0; i--) {
            out.put((byte) (NIBBLE_BASE | (int) ((period >>> (4 * i)) & 0xF)));
        }
        while (out.position() < HEADER + FRAME) {
            out.put((byte) 0x55);
        }
        out.flip();
    }

    private void report(List<Receiver> receivers, long sent, long cpuNanos, long farCpuNanos, long wallNanos,
                        long[] systemFrom, long[] systemTo, long[] udpFrom, long[] udpTo, RelayStats relays) {
        long[] histogram = new long[BUCKETS];
        long received = 0;
        long silence = 0;
        long garbled = 0;
        long max = 0;
        for (Receiver r : receivers) {
            for (int i = 0; i < BUCKETS; i++) {
                histogram[i] += r.histogram[i];
            }
            received += r.received;
            silence += r.silence;
            garbled += r.garbled;
            max = Math.max(max, r.maxMicros);
        }
        double wall = wallNanos / 1e9;
        long busy = systemTo[0] - systemFrom[0];
        long total = systemTo[1] - systemFrom[1];
        System.out.println();
        System.out.printf(Locale.ROOT, "%d pairs x %d s: frames sent %d, received %d, lost %d (%.4f %%); "
                        + "silence packets %d, unreadable %d%n", pairs, seconds, sent, received, sent - received,
                sent == 0 ? 0 : 100.0 * (sent - received) / sent, silence, garbled);
        System.out.printf(Locale.ROOT, "delay far end A -> far end B (end to end, loopback): p50 %.1f ms, p90 %.1f ms, "
                        + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", percentile(histogram, received, 50),
                percentile(histogram, received, 90), percentile(histogram, received, 99),
                percentile(histogram, received, 99.9), max / 1000.0);
        System.out.printf(Locale.ROOT, "far ends' own sending: %d sends (%.3f %%) left > 5 ms after their deadline, "
                + "the latest %.1f ms late (bursts the relays then absorb)%n", lateSends,
                sent == 0 ? 0 : 100.0 * lateSends / sent, latestSendMicros / 1000.0);
        System.out.printf(Locale.ROOT, "CPU: Outdial %.2f cores (process %.2f minus far ends %.2f); machine busy %.0f %% "
                        + "of %d cores; RSS %d MiB; load average after %s%n", (cpuNanos - farCpuNanos) / 1e9 / wall,
                cpuNanos / 1e9 / wall, farCpuNanos / 1e9 / wall, total == 0 ? 0 : 100.0 * busy / total,
                Runtime.getRuntime().availableProcessors(), BenchMachine.rssMiB(), BenchMachine.loadAverage());
        System.out.printf(Locale.ROOT, "relays (the window, all legs): %d frames relayed, %d underruns, %d frames dropped "
                + "(%d samples; %d trimmed, the rest pushed out by bursts over 100 ms); %d frames sent early as a "
                + "tick's second packet after a burst left a FIFO a frame too deep (not lost)%n", relays.framesRelayed(),
                relays.underruns(), relays.framesDropped(), relays.samplesDropped(), relays.trims(), relays.catchUps());
        System.out.printf(Locale.ROOT, "UDP receive errors (whole machine, /proc/net/snmp) during the window: %d, "
                + "of which receive buffer full: %d%n", udpTo[0] - udpFrom[0], udpTo[1] - udpFrom[1]);
    }

    /** The p-th percentile in ms, from 50 µs buckets (the bucket's upper edge). */
    private static double percentile(long[] histogram, long count, double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * count);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_MICROS / 1000.0;
            }
        }
        return BUCKETS * BUCKET_MICROS / 1000.0;
    }
}
