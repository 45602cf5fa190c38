package org.outdial.engine.call;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.outdial.engine.dialer.CallAudio;
import org.outdial.engine.dialer.Dispatcher;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.history.CallSource;
import org.outdial.engine.number.NumberAudio;
import org.outdial.engine.number.PhoneNumbers;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.media.audio.AudioSource;

/**
 * The engine's one operation for a single call, which every vendor facade uses: "call this number
 * (optionally an operator line first), play this, connect them, record it" (issue 13). It checks the
 * request with seed 004's messages, admits the call against the same trunk capacity as the
 * autodialers ({@link Dispatcher#tryAcquireSingle}) and against its own limit of simultaneous
 * calls, claims the operator line through the one owner of operators' availability
 * ({@link OperatorClaims}), starts the call on a virtual thread ({@link SingleCallFlow}) and answers
 * the call's id at once. The call's record goes into the history every autodialer writes, with no
 * autodialer and the call id as its {@code rid} (V12; docs/API.md "Single calls").
 *
 * <p>Thread-safe. The calls in flight are kept here, by id, until their record is written: the
 * ones a hang-up finds, and the ones "Call already in progress" refuses a second call to.
 */
public final class SingleCalls {

    /** Seed 004 originateNew: "limit of 20 simultaneous calls reached". */
    public static final int DEFAULT_MAX_CALLS = 20;
    /** Seed 004: "meta — String for 1000 characters". */
    public static final int MAX_META = 1000;

    public static final String WRONG_PHONE = "Wrong phone";
    public static final String META_TOO_BIG = "Meta info is too big";
    public static final String NO_AUDIO = "No audio and IVR";
    public static final String OUTER_LINE_NOT_FOUND = "Outer line not found";
    public static final String IN_PROGRESS = "Call already in progress";
    public static final String LIMIT = "Limit of Simultaneously calls has reached";
    public static final String SIP_NOT_FOUND = "Sip not found";
    public static final String SIP_NOT_READY = "Sip not ready";
    public static final String TTS_FAILED = "audios: Text to speech failed";
    public static final String EMPTY_HANGUP = "Empty request";

    /** Ids stay below 2^53 so that a JavaScript client reads them exactly. */
    private static final long MAX_ID = 1L << 53;

    /** Which operator lines exist (the project's internal lines). */
    @FunctionalInterface
    public interface Lines {
        boolean exists(String line);
    }

    private final SingleCallFlow flow;
    private final Dispatcher dispatcher;
    private final OperatorClaims claims;
    private final Lines lines;
    private final CallAudio audio;
    private final SingleCallAudios audios;
    private final List<String> trunks;
    private final Executor calls;
    private final InstantSource clock;
    private final int maxCalls;
    private final Map<Long, SingleCall> active = new ConcurrentHashMap<>();

    /**
     * @param trunks   the configured trunks' names, the first being the one a call without an outer line uses
     * @param maxCalls single calls allowed in flight at once (seed 004: 20)
     */
    public SingleCalls(SingleCallFlow flow, Dispatcher dispatcher, OperatorClaims claims, Lines lines, CallAudio audio,
                       SingleCallAudios audios, List<String> trunks, Executor calls, InstantSource clock, int maxCalls) {
        if (trunks.isEmpty()) {
            throw new IllegalArgumentException("single calls need at least one trunk");
        }
        if (maxCalls < 1 || maxCalls > 10_000) {
            throw new IllegalArgumentException("maxCalls must be 1..10000, was " + maxCalls);
        }
        this.flow = flow;
        this.dispatcher = dispatcher;
        this.claims = claims;
        this.lines = lines;
        this.audio = audio;
        this.audios = audios;
        this.trunks = List.copyOf(trunks);
        this.calls = calls;
        this.clock = clock;
        this.maxCalls = maxCalls;
    }

    /**
     * What a single call does, as a facade asks for it.
     *
     * @param source        which operation placed it (shown by the project's history)
     * @param phone         the number to call, in any form {@link PhoneNumbers#normalize} reads
     * @param outerLine     a configured trunk's name, or null for the first trunk
     * @param operatorLine  an internal line to connect the number to, or null for none
     * @param operatorFirst with an operator line: ring it first and call the number once it answers
     *                      (else the number first, offered to the line after its audio and digits)
     * @param audios        what the callee hears once answered, in order (may be empty)
     * @param dtmf          RFC 4733 digits (0-9 * # A-D) sent to the callee after the audio, or null
     * @param meta          the caller's free text, at most {@value #MAX_META} characters, or null
     * @param callerId      the caller ID the callee is shown (a number), or null for the trunk's own
     * @param operatorCallerId the caller ID the operator line is shown, or null for the callee's number
     * @param operatorAudios what the operator hears once it answers, before it is connected (may be empty)
     * @param hold          what the answered leg that waits for the other hears
     */
    public record Order(CallSource source, String phone, String outerLine, String operatorLine, boolean operatorFirst,
                        List<SingleCallAudios.Draft> audios, String dtmf, String meta, String callerId,
                        String operatorCallerId, List<SingleCallAudios.Draft> operatorAudios, Hold hold) {
        public Order {
            java.util.Objects.requireNonNull(source, "source");
            audios = audios == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(audios));
            operatorAudios = operatorAudios == null ? List.of()
                    : java.util.Collections.unmodifiableList(new ArrayList<>(operatorAudios));
            hold = hold == null ? Hold.NONE : hold;
        }

        /** An order with the trunk's caller ID, the callee's number shown to the operator, no operator audio, no hold music. */
        public Order(CallSource source, String phone, String outerLine, String operatorLine, boolean operatorFirst,
                     List<SingleCallAudios.Draft> audios, String dtmf, String meta) {
            this(source, phone, outerLine, operatorLine, operatorFirst, audios, dtmf, meta, null, null, List.of(),
                    Hold.NONE);
        }
    }

    /**
     * What the answered leg hears while the other is dialed, or hears its message (JSON-RPC
     * {@code media_file_id}, "Dialing Music"): nothing (silence), the engine's default hold tone,
     * or an audio file, played again each time it ends.
     */
    public record Hold(boolean play, Long audioId) {
        public static final Hold NONE = new Hold(false, null);
        public static final Hold DEFAULT = new Hold(true, null);

        public static Hold of(long audioId) {
            return new Hold(true, audioId);
        }
    }

    /**
     * Calls {@code phone} through {@code outerLine} (a configured trunk's name; null for the first),
     * plays {@code audios} once answered, and hangs up (seed 004 /calls/originateNew).
     *
     * @return the call's id
     */
    public long originate(String phone, String outerLine, List<SingleCallAudios.Draft> drafts, String meta) {
        phone(phone);
        meta(meta);
        if (drafts == null || drafts.isEmpty()) {
            throw EngineException.invalid(NO_AUDIO);
        }
        return place(new Order(CallSource.API, phone, outerLine, null, false, drafts, null, meta));
    }

    /**
     * Rings operator line {@code line}; once it answers, calls {@code phone} on the first trunk
     * and connects the two (seed 004 /phones/directCall: "the sip client calls as an incoming
     * call. After the answer, a call immediately goes to the specified number").
     *
     * @return the call's id
     */
    public long direct(String line, String phone, String meta) {
        return place(new Order(CallSource.DIRECT, phone, null, line == null ? "" : line, true, List.of(), null, meta));
    }

    /**
     * The one operation every single call is: checks {@code order} (seed 004's messages, in the
     * order of its lists: line, phone, meta, audios, digits, outer line), refuses a second call to
     * a number already in a call and a call beyond the limits, builds the audio before anything is
     * dialed (a synthesis that fails is the request's error), takes a trunk line and the operator
     * line, and starts the call. Returns at once with the call's id; the call's record is written
     * when it ends.
     */
    public long place(Order order) {
        if (order.operatorLine() != null && !lines.exists(order.operatorLine())) {
            throw EngineException.notFound(SIP_NOT_FOUND);
        }
        String number = phone(order.phone());
        meta(order.meta());
        List<NumberAudio> audios = this.audios.check(order.audios());
        List<NumberAudio> operatorAudios = this.audios.check(order.operatorAudios());
        String dtmf = dtmf(order.dtmf());
        String callerId = callerId(order.callerId());
        String operatorCallerId = callerId(order.operatorCallerId());
        String trunk = order.outerLine() == null ? trunks.getFirst() : trunk(order.outerLine());
        precheck(number);
        AudioSource greeting;
        SingleCallFlow.Media media;
        try {
            greeting = audios.isEmpty() ? AudioSource.empty() : audio.forAudios(audios);
            media = new SingleCallFlow.Media(greeting,
                    operatorAudios.isEmpty() ? AudioSource.empty() : audio.forAudios(operatorAudios),
                    order.hold().play() ? audio.onHold(order.hold().audioId()) : AudioSource.empty());
        } catch (CallAudio.Unavailable e) {
            throw e.getMessage() != null && e.getMessage().startsWith("Text to speech failed")
                    ? EngineException.invalid(TTS_FAILED) : EngineException.invalid("audios: " + e.getMessage());
        }
        Admitted admitted = admit(order.source(), number, trunk, order.operatorLine(), order.operatorFirst(),
                order.meta(), callerId, operatorCallerId);
        OperatorClaims.Claim claim = null;
        if (order.operatorLine() != null) {
            // The one owner of operators' availability says whether the line is free: registered, working, not in a call.
            claim = claims.claim(Dispatcher.SINGLE_CALLS, List.of(order.operatorLine()), null, clock.instant())
                    .orElse(null);
            if (claim == null) {
                active.remove(admitted.call.id());
                dispatcher.unused(admitted.line);
                throw EngineException.conflict(SIP_NOT_READY);
            }
        }
        OperatorClaims.Claim held = claim;
        try {
            start(admitted, () -> flow.run(admitted.call, admitted.line, held, media, dtmf));
        } catch (EngineException e) {
            if (held != null) {
                claims.released(held, clock.instant());
            }
            throw e;
        }
        return admitted.call.id();
    }

    /**
     * Hangs up the single calls in flight with id {@code id}, or, when no id is given, those whose
     * callee number or operator line is {@code number} (seed 004 /calls/hangup). Each call's record
     * is written as its flow ends it.
     *
     * @return how many calls were found (the seed's "Found: N")
     */
    public int hangup(Long id, String number) {
        if (id == null && (number == null || number.isBlank())) {
            throw EngineException.invalid(EMPTY_HANGUP);
        }
        List<SingleCall> found = new ArrayList<>();
        if (id != null) {
            SingleCall call = active.get(id);
            if (call != null) {
                found.add(call);
            }
        } else {
            String digits = PhoneNumbers.digitsOf(number);
            active.values().stream().filter(c -> c.involves(digits)).forEach(found::add);
        }
        found.forEach(SingleCall::hangup);
        return found.size();
    }

    /** The single calls in flight now. */
    public List<SingleCall> active() {
        return List.copyOf(active.values());
    }

    public Optional<SingleCall> find(long id) {
        return Optional.ofNullable(active.get(id));
    }

    /**
     * Hangs up one leg of call {@code id} (JSON-RPC disconnect.leg); the call's flow then ends as it
     * does when that party hangs up.
     *
     * @return false when the call or the leg is not in flight
     */
    public boolean disconnect(long id, long legId) {
        Optional<SingleCall.Leg> leg = find(id).flatMap(c -> c.leg(legId));
        leg.ifPresent(l -> l.call().hangup());
        return leg.isPresent();
    }

    /**
     * Sends {@code digits} (0-9 * # A-D) as RFC 4733 events on one answered leg of call {@code id}
     * (JSON-RPC send.dtmf). Returns once they are queued; they go out in about 0.2 s each.
     *
     * @return false when the call or the leg is not in flight
     */
    public boolean sendDtmf(long id, long legId, String digits) {
        if (digits == null || !digits.matches("[0-9*#A-D]{1,100}")) {
            throw EngineException.invalid("dtmf: digits must be 1 to 100 of 0-9, *, #, A-D");
        }
        Optional<SingleCall.Leg> leg = find(id).flatMap(c -> c.leg(legId));
        leg.ifPresent(l -> l.call().sendDtmf(digits));
        return leg.isPresent();
    }

    private record Admitted(SingleCall call, Dispatcher.Line line) {
    }

    private static String phone(String raw) {
        String number = raw == null ? null : PhoneNumbers.normalize(raw);
        if (number == null) {
            throw EngineException.invalid(WRONG_PHONE);
        }
        return number;
    }

    private static void meta(String meta) {
        if (meta != null && meta.length() > MAX_META) {
            throw EngineException.invalid(META_TOO_BIG);
        }
    }

    /**
     * RFC 4733 events 0-15, the digits sip-stack can send, and '.', a pause of one second before
     * the next (seed 001 {@code dtmf_string}: "You can specify timeout ... by using a symbol . = '1 second'").
     */
    private static String dtmf(String digits) {
        if (digits == null || digits.isEmpty()) {
            return null;
        }
        if (!digits.matches("[0-9*#A-D.]{1,100}")) {
            throw EngineException.invalid("dtmf: digits must be 1 to 100 of 0-9, *, #, A-D and '.' (a pause of 1 s)");
        }
        return digits;
    }

    private static String callerId(String raw) {
        if (raw == null) {
            return null;
        }
        String number = PhoneNumbers.normalize(raw);
        if (number == null) {
            throw EngineException.invalid("callerId: not a number in international format");
        }
        return number;
    }

    private String trunk(String outerLine) {
        if (!trunks.contains(outerLine)) {
            throw EngineException.notFound(OUTER_LINE_NOT_FOUND);
        }
        return outerLine;
    }

    /** The refusals that need no line, before the audio is built; {@link #admit} checks them again atomically. */
    private void precheck(String number) {
        if (active.values().stream().anyMatch(c -> c.phone().equals(number))) {
            throw EngineException.conflict(IN_PROGRESS);
        }
        if (active.size() >= maxCalls) {
            throw EngineException.busy(LIMIT);
        }
    }

    private synchronized Admitted admit(CallSource source, String number, String trunk, String line,
                                        boolean operatorFirst, String meta, String callerId, String operatorCallerId) {
        precheck(number);
        Instant now = clock.instant();
        Dispatcher.Line taken = dispatcher.tryAcquireSingle(trunk, now).orElseThrow(() -> dispatcher.up(trunk)
                ? EngineException.busy(LIMIT)
                : EngineException.busy("Outer line is not answering: no calls through it until it answers again"));
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong(1, MAX_ID);
        } while (active.containsKey(id));
        SingleCall call = new SingleCall(id, source, number, trunk, line, operatorFirst, meta, now);
        call.callerIds(callerId, operatorCallerId);
        active.put(id, call);
        return new Admitted(call, taken);
    }

    private void start(Admitted admitted, Runnable run) {
        try {
            calls.execute(() -> {
                try {
                    run.run();
                } finally {
                    active.remove(admitted.call.id());
                }
            });
        } catch (RejectedExecutionException e) {
            active.remove(admitted.call.id());
            dispatcher.unused(admitted.line);
            throw EngineException.busy("Outdial is stopping: no new calls");
        }
    }
}
