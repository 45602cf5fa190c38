package org.outdial.sip.call;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.rtp.RtpStats;
import org.outdial.sip.outcome.CallOutcome;

/**
 * One outbound call. A call flow reads top to bottom:
 * <pre>{@code
 * Call call = telephony.dial(request);
 * if (call.answered().get(70, SECONDS)) {
 *     call.play(greeting).get();
 *     call.hangup();
 * }
 * CallOutcome outcome = call.outcome().get();
 * }</pre>
 */
public interface Call {

    /** The SIP Call-ID, unique per call; also the id in logs. */
    String id();

    DialRequest request();

    /** The provisional responses so far, in arrival order. */
    List<CallProgress> progress();

    /** Called for every provisional response, first with those that already arrived. */
    void onProgress(Consumer<CallProgress> listener);

    /** Completes with true on answer, or false when the call ended unanswered; never fails. */
    CompletableFuture<Boolean> answered();

    /**
     * Plays audio to the callee: after the answer, or before it when the trunk opened early media.
     * Completes when the audio has been sent; fails when the call has no media path or ends.
     */
    CompletableFuture<Void> play(AudioSource audio);

    /** Stops what {@link #play} is sending; its future completes. */
    void stopPlayback();

    /** Sends DTMF as RFC 4733 events; {@code digits} may contain 0-9 * # A-D. */
    CompletableFuture<Void> sendDtmf(String digits);

    /** Called for every DTMF digit received from the callee. */
    void onDtmf(Consumer<DtmfEvent> listener);

    /**
     * The next DTMF digit the callee pressed, waiting up to {@code within} for one: the awaitable
     * form of {@link #onDtmf} for a flow that reads top to bottom (a voice robot's menu). Digits are
     * kept from the moment the call's media opens, in order ({@link DigitBuffer}), so one pressed
     * while audio plays is returned by the next call; receiving a digit does not stop playback
     * (the flow decides: {@link #stopPlayback}). Empty when no digit came in time, or at once when
     * the call has ended and no digit is left.
     */
    Optional<Character> nextDigit(Duration within) throws InterruptedException;

    /** Called with every decoded 20 ms frame (160 samples at 8 kHz) received from the callee. */
    void onAudio(Consumer<short[]> listener);

    /**
     * Called with every 20 ms frame (160 samples at 8 kHz) sent to the callee, decoded back from
     * G.711: what plays, what a bridge relays from the other call, or silence (a DTMF tick is
     * silence). With {@link #onAudio} it is both directions of the call, what a recording needs.
     * Runs on the media event loop before the packet leaves: the listener must not block.
     */
    void onSentAudio(Consumer<short[]> listener);

    /** The call's RTP counters and send timing, final once the call has ended; empty before media. */
    RtpStats mediaStats();

    /**
     * Connects this call's media with {@code other}'s, both ways: each call's RTP sender takes the
     * other's received frames as its source (transcoded when the two negotiated different G.711
     * laws; RFC 4733 events passed through), replacing whatever either was playing. It lasts until
     * {@link #unbridge()} or until either call ends; then the survivor sends silence.
     *
     * @throws IllegalStateException when either call has no media path yet, or has ended
     */
    void bridge(Call other);

    /**
     * As {@link #bridge}, but this call first sends {@code cue} (a short beep for an always-connected
     * operator: docs/TELEPHONY.md, "Always-connected operators") and then what {@code other}
     * receives, while {@code other} sends this call's frames from the start: its far end hears this
     * side without a gap, this side hears the cue, then {@code other}'s far end.
     *
     * @throws IllegalStateException when either call has no media path yet, or has ended
     */
    void bridge(Call other, AudioSource cue);

    /** Stops relaying between this call and the one it is bridged to; both send silence. Idempotent. */
    void unbridge();

    /**
     * Ends the call: CANCEL before the answer, BYE after. Idempotent; returns at once, the outcome
     * follows.
     */
    void hangup();

    /** Completes once, when the call is over and its dialog and media are released; never fails. */
    CompletableFuture<CallOutcome> outcome();
}
