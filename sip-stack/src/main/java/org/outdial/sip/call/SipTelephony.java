package org.outdial.sip.call;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sip.SipException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.sip.registrar.LineCredentials;
import org.outdial.sip.registrar.Registrar;
import org.outdial.sip.registrar.RegistrarSettings;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.registrar.RegistrationListener;
import org.outdial.sip.stack.JainSipStack;
import org.outdial.sip.stack.SipEvent;
import org.outdial.sip.stack.SipEventAdapter;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.stack.SipStackException;
import org.outdial.sip.trunk.TrunkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Telephony} on the JAIN-SIP RI: one stack, the configured trunks, and the calls in flight,
 * found by Call-ID when the stack reports an event.
 *
 * <p>Trunk limits ({@code max-calls}, {@code max-cps}) are not enforced here: the engine's
 * dispatcher is their one owner and dials only calls it has admitted (docs/DIALER.md).
 *
 * <p>Requests that belong to no call Outdial placed are answered here and go no further: OPTIONS
 * gets 200 (trunks use it as a keep-alive), an INVITE gets 403 (DESIGN.md: an inbound INVITE
 * never leads to an outbound call; toll fraud is the first attack on any SIP server), BYE and
 * CANCEL get 481, REGISTER goes to the {@link Registrar} (operator lines), anything else 403.
 */
public final class SipTelephony implements Telephony {

    private static final Logger LOG = LoggerFactory.getLogger(SipTelephony.class);

    private final JainSipStack stack;
    private final SipMessages messages;
    private final Map<String, TrunkSettings> trunks;
    private final MediaLegs media;
    private final InstantSource clock;
    private final ScheduledExecutorService timers;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private final List<Consumer<InDialogRequest>> dialogRequestListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sessionIds;
    private final OptionsProbes probes;
    private final Registrar registrar;
    private volatile SipObserver observer = SipObserver.none();

    private SipTelephony(JainSipStack stack, Map<String, TrunkSettings> trunks, MediaLegs media, InstantSource clock,
                         ScheduledExecutorService timers, RegistrarSettings registrarSettings,
                         LineCredentials lines) {
        this.stack = stack;
        this.messages = new SipMessages(stack);
        this.trunks = trunks;
        this.media = media;
        this.clock = clock;
        this.timers = timers;
        // RFC 4566 §5.2 suggests an NTP timestamp for o= session ids; seconds since 1900 will do.
        this.sessionIds = new AtomicLong((clock.instant().getEpochSecond() + 2_208_988_800L) * 1000);
        this.probes = new OptionsProbes(stack);
        this.registrar = new Registrar(stack, registrarSettings, lines, clock, timers);
    }

    /**
     * Starts the SIP stack and returns a telephony placing calls through {@code trunks}.
     *
     * @param media the RTP legs' source, usually {@link RtpMediaLegs} on the process's media engine;
     *              it is not closed by {@link #close()}
     */
    public static SipTelephony start(SipSettings sip, List<TrunkSettings> trunks, MediaLegs media)
            throws SipStackException {
        return start(sip, trunks, media, RegistrarSettings.DEFAULTS, LineCredentials.none());
    }

    /**
     * As {@link #start(SipSettings, List, MediaLegs)}, with a registrar for operator lines: their
     * phones REGISTER with the line number as user and the password {@code lines} gives
     * (docs/TELEPHONY.md, "Operator lines: the registrar").
     */
    public static SipTelephony start(SipSettings sip, List<TrunkSettings> trunks, MediaLegs media,
                                     RegistrarSettings registrar, LineCredentials lines) throws SipStackException {
        Map<String, TrunkSettings> byName = new HashMap<>();
        for (TrunkSettings trunk : trunks) {
            if (byName.put(trunk.name(), trunk) != null) {
                throw new IllegalArgumentException("trunks[].name must be unique, '" + trunk.name() + "' repeats");
            }
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outdial-sip-timers");
            t.setDaemon(true);
            return t;
        });
        // The stack needs its listener before it starts, and the telephony needs the started stack:
        // events are routed through this holder, set before any call (and so any event) exists.
        AtomicReference<SipTelephony> self = new AtomicReference<>();
        JainSipStack stack;
        try {
            stack = JainSipStack.start(sip, new SipEventAdapter(event -> {
                SipTelephony telephony = self.get();
                if (telephony != null) {
                    telephony.dispatch(event);
                }
            }));
        } catch (SipStackException e) {
            timers.shutdownNow();
            throw e;
        }
        SipTelephony telephony = new SipTelephony(stack, Map.copyOf(byName), media, InstantSource.system(), timers,
                registrar, lines);
        self.set(telephony);
        return telephony;
    }

    @Override
    public Call dial(DialRequest request) {
        TrunkSettings trunk = trunks.get(request.trunk());
        if (trunk == null) {
            throw new IllegalArgumentException("no trunk named '" + request.trunk() + "'; configured: "
                    + trunks.keySet());
        }
        SipCall call = new SipCall(this, messages, new CallTarget.Trunk(trunk), request);
        observeEnd(call, trunk.name());
        call.start(media);
        return call;
    }

    @Override
    public Call dialLine(LineCall request) {
        return dialLine(request, registrar.registration(request.line()).orElse(null));
    }

    /** A line call to the contact {@code registration} names (null: not registered, the call fails). */
    Call dialLine(LineCall request, Registration registration) {
        String callerId = request.callerId().matches("\\+?[0-9A-Za-z._-]{1,64}") ? request.callerId() : null;
        DialRequest asDial = new DialRequest(LINES, request.line(), callerId, request.ringTimeout(),
                request.maxDuration());
        SipCall call = new SipCall(this, messages, new CallTarget.Line(request, registration), asDial);
        observeEnd(call, LINES);
        call.start(media);
        return call;
    }

    /**
     * One bridged call on loopback through this stack and the media engine before the first real
     * one ({@link LoopbackWarmUp}), at most 5 s; a failure is logged, never thrown.
     */
    @Override
    public Optional<Duration> warmUp() {
        try {
            Duration took = new LoopbackWarmUp(this, media).run(Duration.ofSeconds(5));
            LOG.info("SIP and media warmed up by a bridged loopback call in {} ms", took.toMillis());
            return Optional.of(took);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Warm-up call on loopback failed, the first calls will be slower: {}", e.toString());
        }
        return Optional.empty();
    }

    @Override
    public Optional<Registration> registration(String line) {
        return registrar.registration(line);
    }

    @Override
    public void onRegistration(RegistrationListener listener) {
        registrar.addListener(listener);
    }

    @Override
    public CompletableFuture<Integer> probe(String trunk) {
        TrunkSettings settings = trunks.get(trunk);
        if (settings == null) {
            throw new IllegalArgumentException("no trunk named '" + trunk + "'; configured: " + trunks.keySet());
        }
        return probes.send(settings);
    }

    @Override
    public TelephonyCounts counts() {
        return new TelephonyCounts(calls.size(), stack.dialogCount(), stack.transactionCount(), media.openCount());
    }

    /** How many calls placed through a trunk are not over yet (a leak check for tests). */
    public int inFlight(String trunk) {
        return (int) calls.values().stream().filter(call -> call.request().trunk().equals(trunk)).count();
    }

    /**
     * Calls {@code listener} for every request a far end sends inside one of our calls' dialogs,
     * once it has been answered: a re-INVITE, its ACK, a BYE, an OPTIONS. Listeners run on the SIP
     * stack's threads and must not block.
     */
    public void onDialogRequest(Consumer<InDialogRequest> listener) {
        dialogRequestListeners.add(listener);
    }

    public SipSettings settings() {
        return stack.settings();
    }

    @Override
    public void close() {
        List<SipCall> open = List.copyOf(calls.values());
        open.forEach(SipCall::hangup);
        // One shared deadline: BYE and CANCEL answers come in milliseconds from a live trunk, and a
        // dead one must not hold shutdown for seconds per call.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (SipCall call : open) {
            try {
                call.outcome().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.info("{}: not ended 2 s after hangup; stopping the stack anyway", call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // outcome() never fails
            }
        }
        registrar.close();
        timers.shutdownNow();
        stack.close();
    }

    // ---- for SipCall ----------------------------------------------------------------------

    Instant now() {
        return clock.instant();
    }

    long nextSessionId() {
        return sessionIds.incrementAndGet();
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Tells {@code watcher} of every response and every call's end from now on (one watcher: the metrics). */
    public void observe(SipObserver watcher) {
        this.observer = Objects.requireNonNull(watcher, "watcher");
    }

    private void observeEnd(SipCall call, String route) {
        call.outcome().thenAccept(outcome -> observer.callEnded(route, outcome));
    }

    void handled(InDialogRequest request) {
        dialogRequestListeners.forEach(listener -> listener.accept(request));
    }

    void register(SipCall call) {
        calls.put(call.id(), call);
    }

    void unregister(SipCall call) {
        calls.remove(call.id(), call);
    }

    // ---- events from the stack ------------------------------------------------------------

    private void dispatch(SipEvent event) {
        if (event instanceof SipEvent.ResponseReceived r) {
            observer.response(r.method(), r.response().getStatusCode());
        }
        String callId = event.callId();
        SipCall call = callId == null ? null : calls.get(callId);
        if (call != null) {
            call.onEvent(event);
            return;
        }
        if (probes.take(event) || registrar.take(event)) {
            return;
        }
        switch (event) {
            case SipEvent.RequestReceived r -> stranger(r);
            case SipEvent.TransportFailed t -> LOG.warn("SIP transport to {}:{}/{} failed", t.host(), t.port(),
                    t.transport());
            default -> LOG.trace("no call for {} ({})", event.getClass().getSimpleName(), callId);
        }
    }

    /** A request outside every call Outdial placed. */
    private void stranger(SipEvent.RequestReceived r) {
        Request request = r.request();
        String method = request.getMethod();
        try {
            switch (method) {
                case Request.ACK -> {
                    // ACK to our 403: the server transaction absorbs it
                }
                case Request.OPTIONS -> stack.provider().sendResponse(messages.optionsOk(request));
                case Request.REGISTER -> registrar.onRegister(r);
                case Request.INVITE -> {
                    boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
                    LOG.info("refused inbound INVITE for {} from {}", request.getRequestURI(),
                            request.getHeader("From"));
                    // Stateful, so the 403 is retransmitted until the ACK (RFC 3261 §17.2.1).
                    var tx = r.transaction() != null ? r.transaction()
                            : stack.provider().getNewServerTransaction(request);
                    tx.sendResponse(messages.response(inDialog ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
                            : Response.FORBIDDEN, request));
                }
                case Request.BYE, Request.CANCEL -> stack.provider().sendResponse(
                        messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
                default -> stack.provider().sendResponse(messages.response(Response.FORBIDDEN, request));
            }
        } catch (javax.sip.TransactionAlreadyExistsException e) {
            LOG.trace("retransmitted {}: the stack answers it", method);
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            LOG.debug("cannot answer inbound {}: {}", method, e.toString());
        }
    }
}
