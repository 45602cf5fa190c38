package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each campaign's dialed calls over the last hour, in ten-second slots: how many ended, how many
 * were answered, their talk, their post-dial delay. What the dashboard shows as rate, ASR, ACD and
 * post-dial delay, and its rate chart. In memory and since the process started: the call history
 * keeps every call for good, this keeps only what a screen refreshed every few seconds can read
 * in O(slots) without a query. Calls that were never dialed (an audio error before the INVITE) are
 * not counted: they say nothing about the carrier. Thread-safe; time is a parameter.
 */
public final class CallFigures {

    /** One slot's width. */
    public static final Duration SLOT = Duration.ofSeconds(10);
    /** How far back the figures reach. */
    public static final Duration WINDOW = Duration.ofHours(1);
    private static final int SLOTS = (int) (WINDOW.toSeconds() / SLOT.toSeconds());
    private static final int SLOTS_PER_MINUTE = (int) (60 / SLOT.toSeconds());

    /**
     * A campaign's figures at one moment.
     *
     * @param ended               dialed calls that ended in the last hour
     * @param answered            of those, answered (a 200 OK, by a person or a machine)
     * @param asr                 answer-seizure ratio, answered / ended, or null with no call
     * @param acd                 average call duration (answer to end) of the answered calls, or null with none
     * @param postDialDelay       mean INVITE to first 180/183 of the calls that rang, or null with none
     * @param callsPerMinute      calls that ended in the last minute (its six slots, the current one included)
     * @param perMinute           calls ended in each of the last 60 minutes, oldest first, the current one last
     */
    public record Figures(long ended, long answered, Double asr, Duration acd, Duration postDialDelay,
                          long callsPerMinute, List<Long> perMinute) {

        public static final Figures NONE = new Figures(0, 0, null, null, null, 0,
                java.util.Collections.nCopies(SLOTS / SLOTS_PER_MINUTE, 0L));
    }

    private static final class Slot {
        long index = Long.MIN_VALUE;
        long ended;
        long answered;
        long talkMillis;
        long rang;
        long postDialMillis;

        void reset(long at) {
            index = at;
            ended = 0;
            answered = 0;
            talkMillis = 0;
            rang = 0;
            postDialMillis = 0;
        }
    }

    private final Map<Long, Slot[]> campaigns = new HashMap<>();

    /**
     * A dialed call of the campaign ended at {@code at}.
     *
     * @param talk          answer to end, null when unanswered
     * @param postDialDelay INVITE to the first 180/183, null when it never rang
     */
    public synchronized void ended(long campaignId, Instant at, Duration talk, Duration postDialDelay) {
        long index = slotOf(at);
        Slot[] slots = campaigns.computeIfAbsent(campaignId, id -> newSlots());
        Slot slot = slots[(int) Math.floorMod(index, SLOTS)];
        if (slot.index != index) {
            if (slot.index > index) {
                return; // older than the window the slot now holds
            }
            slot.reset(index);
        }
        slot.ended++;
        if (talk != null) {
            slot.answered++;
            slot.talkMillis += Math.max(0, talk.toMillis());
        }
        if (postDialDelay != null) {
            slot.rang++;
            slot.postDialMillis += Math.max(0, postDialDelay.toMillis());
        }
    }

    /** The campaign's figures over the hour that ends at {@code now}. */
    public synchronized Figures of(long campaignId, Instant now) {
        Slot[] slots = campaigns.get(campaignId);
        if (slots == null) {
            return Figures.NONE;
        }
        long current = slotOf(now);
        long ended = 0;
        long answered = 0;
        long talk = 0;
        long rang = 0;
        long postDial = 0;
        long lastMinute = 0;
        List<Long> perMinute = new ArrayList<>(SLOTS / SLOTS_PER_MINUTE);
        long minute = 0;
        // Oldest first; slot 0 is the oldest of the window, SLOTS - 1 the current one.
        for (int i = 0; i < SLOTS; i++) {
            long index = current - (SLOTS - 1) + i;
            Slot slot = slots[(int) Math.floorMod(index, SLOTS)];
            if (slot.index == index) {
                ended += slot.ended;
                answered += slot.answered;
                talk += slot.talkMillis;
                rang += slot.rang;
                postDial += slot.postDialMillis;
                minute += slot.ended;
                if (i >= SLOTS - SLOTS_PER_MINUTE) {
                    lastMinute += slot.ended;
                }
            }
            if ((i + 1) % SLOTS_PER_MINUTE == 0) {
                perMinute.add(minute);
                minute = 0;
            }
        }
        return new Figures(ended, answered, ended == 0 ? null : (double) answered / ended,
                answered == 0 ? null : Duration.ofMillis(talk / answered),
                rang == 0 ? null : Duration.ofMillis(postDial / rang), lastMinute, List.copyOf(perMinute));
    }

    /** Forgets a campaign (it was removed). */
    public synchronized void forget(long campaignId) {
        campaigns.remove(campaignId);
    }

    private static long slotOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), SLOT.toSeconds());
    }

    private static Slot[] newSlots() {
        Slot[] slots = new Slot[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
        return slots;
    }
}
