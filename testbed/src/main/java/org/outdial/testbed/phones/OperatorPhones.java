package org.outdial.testbed.phones;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call centre's worth of simulated operator phones in this JVM: one {@link SimulatedPhone} per
 * line, each on its own UDP port, sharing one JAIN-SIP stack, one media engine (two RTP ports per
 * phone, one call each) and one timer thread. Start it, {@link #awaitRegistered}, let Outdial
 * offer calls, read {@link #stats()} and {@link #calls()}, close it (which un-REGISTERs).
 */
public final class OperatorPhones implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorPhones.class);
    private static final Duration UNREGISTER_TIMEOUT = Duration.ofSeconds(2);

    private final PhonesSettings settings;
    private final PhoneSipStack sip;
    private final MediaEngine media;
    private final ScheduledThreadPoolExecutor timers;
    private final Map<String, SimulatedPhone> phones;

    private OperatorPhones(PhonesSettings settings, PhoneSipStack sip, MediaEngine media,
                           ScheduledThreadPoolExecutor timers, Map<String, SimulatedPhone> phones) {
        this.settings = settings;
        this.sip = sip;
        this.media = media;
        this.timers = timers;
        this.phones = phones;
    }

    /** Starts every phone and sends its first REGISTER; does not wait for the registrar. */
    public static OperatorPhones start(PhonesSettings settings) throws PhonesException {
        return start(settings, InstantSource.system());
    }

    /** As {@link #start(PhonesSettings)}, with the clock the call records are stamped with. */
    public static OperatorPhones start(PhonesSettings settings, InstantSource clock) throws PhonesException {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "phones-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        // Two RTP ports per phone (RTP uses the even one), doubled so a port still closing is not
        // the only one left for the next call.
        int ports = 4 * settings.lines().size();
        int from = settings.rtpPortFrom() != 0 ? settings.rtpPortFrom() : LoopbackPorts.evenRange(ports);
        MediaEngine media;
        try {
            media = MediaEngine.start(new MediaSettings(settings.bindAddress(), from, from + ports - 1), 1);
        } catch (RuntimeException e) {
            timers.shutdownNow();
            throw new PhonesException("cannot start the phones' media on " + settings.bindAddress() + " ports "
                    + from + "-" + (from + ports - 1) + ": " + e.getMessage(), e);
        }
        PhoneSipStack sip = null;
        try {
            sip = PhoneSipStack.start(settings.bindAddress());
            Map<String, SimulatedPhone> phones = new LinkedHashMap<>();
            for (int i = 0; i < settings.lines().size(); i++) {
                PhoneLine line = settings.lines().get(i);
                phones.put(line.number(), new SimulatedPhone(line, settings.toneOf(i), settings, sip, media, timers,
                        clock));
            }
            OperatorPhones started = new OperatorPhones(settings, sip, media, timers, phones);
            phones.values().forEach(SimulatedPhone::start);
            LOG.info("{} operator phones started on {}, registering to {}:{}", phones.size(), settings.bindAddress(),
                    settings.registrarHost(), settings.registrarPort());
            return started;
        } catch (PhonesException | RuntimeException e) {
            if (sip != null) {
                sip.close();
            }
            media.close();
            timers.shutdownNow();
            throw e;
        }
    }

    public PhonesSettings settings() {
        return settings;
    }

    /** The phones in line order. */
    public List<SimulatedPhone> phones() {
        return List.copyOf(phones.values());
    }

    /** The phone of line {@code number}. */
    public SimulatedPhone phone(String number) {
        SimulatedPhone phone = phones.get(number);
        if (phone == null) {
            throw new IllegalArgumentException("no phone for line " + number + "; lines are " + phones.keySet());
        }
        return phone;
    }

    public Optional<SimulatedPhone> find(String number) {
        return Optional.ofNullable(phones.get(number));
    }

    /** Waits until every phone is registered; false if some are not within {@code timeout}. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SimulatedPhone phone : phones.values()) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!phone.awaitRegistered(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    public int registeredCount() {
        return (int) phones.values().stream().filter(SimulatedPhone::isRegistered).count();
    }

    /** Each phone's counters, in line order. */
    public List<PhoneStats> stats() {
        return phones.values().stream().map(SimulatedPhone::stats).toList();
    }

    /** Offers that found a phone already ringing or talking, summed over the phones; 0 when the claims hold. */
    public long concurrentOffers() {
        return stats().stream().mapToLong(PhoneStats::concurrentOffers).sum();
    }

    /** Calls ringing or up now, over all phones. */
    public int callsInProgress() {
        return phones.values().stream().mapToInt(SimulatedPhone::callsInProgress).sum();
    }

    /** RTP sessions open now: one per answered call that has not ended; 0 when idle, or something leaks. */
    public int openRtpSessions() {
        return media.openSessionCount();
    }

    /** Every ended call of every phone, by the time it was offered. */
    public List<CallRecord> calls() {
        List<CallRecord> all = new ArrayList<>();
        phones.values().forEach(p -> all.addAll(p.calls()));
        all.sort(Comparator.comparing(CallRecord::offeredAt));
        return all;
    }

    /** A few lines for the end of a run: each phone's counters and the totals. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        long offered = 0;
        long answered = 0;
        long talk = 0;
        for (PhoneStats s : stats()) {
            out.append("  ").append(s).append('\n');
            offered += s.offered();
            answered += s.answered();
            talk += s.talkTime().toSeconds();
        }
        out.append("  all ").append(phones.size()).append(" phones: offered ").append(offered).append(", answered ")
                .append(answered).append(", talk ").append(talk).append(" s, offered two calls at once ")
                .append(concurrentOffers()).append(" times");
        return out.toString();
    }

    /** Ends every call, un-REGISTERs every phone (waiting up to 2 s each, in parallel), stops. */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (SimulatedPhone phone : phones.values()) {
            closing.add(Thread.ofVirtual().start(() -> phone.shutDown(UNREGISTER_TIMEOUT)));
        }
        for (Thread t : closing) {
            try {
                t.join(UNREGISTER_TIMEOUT.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
        sip.close();
        media.close();
    }
}
