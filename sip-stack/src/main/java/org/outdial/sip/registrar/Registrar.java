package org.outdial.sip.registrar;

import gov.nist.javax.sip.message.SIPRequest;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.sip.stack.JainSipStack;
import org.outdial.sip.stack.SipEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outdial's registrar for operator lines (RFC 3261 §10.3), over UDP and TCP: digest
 * authentication against {@link LineCredentials} with stateless nonces, one binding per line
 * bounded by {@link RegistrarSettings}, the REGISTER's real source as where the phone is reached
 * (RFC 3581), OPTIONS keep-alive, and the blocking of addresses that keep failing.
 *
 * <p>Answers, in the order they are decided:
 * <ol>
 *   <li>403 to every REGISTER from a blocked IP, without a challenge.</li>
 *   <li>404 when the To user is no line. RFC 3261 §10.3 step 3 prescribes 404 for an
 *       address-of-record the registrar does not serve; it tells a scanner which lines exist,
 *       so each 404 counts as a failure towards the block, like a wrong password.</li>
 *   <li>401 with a challenge when there is no {@code Authorization}.</li>
 *   <li>403 when the digest user is not the To user (one line may not register another).</li>
 *   <li>401 with a fresh challenge for a wrong digest (counted); 401 {@code stale=true} for a
 *       right digest on an expired or foreign nonce (not counted: the phone knows the password).</li>
 *   <li>423 with {@code Min-Expires} below the minimum expiry; 400 for {@code *} without
 *       {@code Expires: 0}.</li>
 *   <li>200 with the binding's Contact and its granted {@code expires}, and a {@code Date}.</li>
 * </ol>
 *
 * <p>Registrations live in memory only: after a restart every line is offline until its phone
 * registers again, which phones do within one expiry (at most {@code maxExpiry}).
 *
 * <p>Out-of-order REGISTERs (RFC 3261 §10.3 step 7's Call-ID/CSeq check) are not detected: one
 * phone per line, which sends its REGISTERs one after another.
 */
public final class Registrar implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    /** The protection space of every challenge; phones show it when they ask for a password. */
    public static final String REALM = "outdial";
    static final String USER_AGENT = "Outdial";

    private final JainSipStack stack;
    private final RegistrarSettings settings;
    private final LineCredentials credentials;
    private final InstantSource clock;
    private final ScheduledExecutorService timers;
    private final DigestNonces nonces;
    private final AuthFailures failures;
    private final Bindings bindings = new Bindings();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
    /** Guards the bindings and the failure counts; never held while a listener runs. */
    private final Object lock = new Object();
    private final KeepAlive keepAlive;
    private final ScheduledFuture<?> keepAliveTicks;

    /**
     * Starts the registrar's keep-alive on {@code timers}; the caller routes REGISTERs to
     * {@link #onRegister} and every other event to {@link #take} first.
     */
    public Registrar(JainSipStack stack, RegistrarSettings settings, LineCredentials credentials, InstantSource clock,
                     ScheduledExecutorService timers) {
        this.stack = stack;
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
        this.timers = timers;
        this.nonces = DigestNonces.random(settings.nonceLifetime());
        this.failures = new AuthFailures(settings.authFailures(), settings.authFailureWindow(), settings.blockTime());
        this.keepAlive = new KeepAlive(stack, bindings, lock, settings.keepAliveMisses());
        long every = settings.keepAliveInterval().toNanos();
        this.keepAliveTicks = timers.scheduleAtFixedRate(this::keepAliveTick, every, every, TimeUnit.NANOSECONDS);
    }

    public RegistrarSettings settings() {
        return settings;
    }

    /** The line's binding now, or empty. */
    public Optional<Registration> registration(String line) {
        synchronized (lock) {
            return bindings.get(line, clock.instant());
        }
    }

    public void addListener(RegistrationListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        keepAliveTicks.cancel(false);
    }

    // ---- REGISTER -------------------------------------------------------------------------

    /** Answers one REGISTER. */
    public void onRegister(SipEvent.RequestReceived r) {
        Request request = r.request();
        ServerTransaction tx;
        try {
            tx = r.transaction() != null ? r.transaction() : stack.provider().getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the transaction resends our answer
        } catch (SipException e) {
            LOG.debug("cannot take REGISTER: {}", e.toString());
            return;
        }
        List<Runnable> after = new ArrayList<>();
        Response response;
        try {
            response = answer(request, after);
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("bad REGISTER from {}: {}", sourceOf(request), e.toString());
            response = quietly(Response.BAD_REQUEST, request);
        }
        try {
            if (response != null) {
                tx.sendResponse(response);
            }
        } catch (SipException | InvalidArgumentException e) {
            LOG.debug("cannot answer REGISTER: {}", e.toString());
        }
        after.forEach(Runnable::run);
    }

    private Response answer(Request request, List<Runnable> after) throws ParseException, InvalidArgumentException {
        InetSocketAddress source = sourceOf(request);
        String ip = source.getAddress().getHostAddress();
        Instant now = clock.instant();
        URI to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        String line = to instanceof SipURI sip ? sip.getUser() : null;
        synchronized (lock) {
            if (failures.blocked(ip, now)) {
                return response(Response.FORBIDDEN, request);
            }
            Optional<String> password = line == null ? Optional.empty() : credentials.passwordOf(line);
            if (password.isEmpty()) {
                failed(ip, line, "no such line", now);
                return response(Response.NOT_FOUND, request);
            }
            AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
            if (auth == null) {
                return challenge(request, ip, now, false);
            }
            DigestCredentials digest = credentialsOf(auth);
            if (!line.equals(digest.username())) {
                failed(ip, line, "digest user '" + digest.username() + "' is not the line", now);
                return response(Response.FORBIDDEN, request);
            }
            if (!REALM.equals(digest.realm()) || !digest.matches(Request.REGISTER, password.get())) {
                failed(ip, line, "wrong digest", now);
                return challenge(request, ip, now, false);
            }
            if (!nonces.fresh(digest.nonce(), ip, now)) {
                return challenge(request, ip, now, true);
            }
            failures.succeeded(ip);
            return bind(request, line, source, now, after);
        }
    }

    /** Under the lock; the digest is right. Binds, refreshes, unbinds or reports the binding. */
    private Response bind(Request request, String line, InetSocketAddress source, Instant now, List<Runnable> after)
            throws ParseException, InvalidArgumentException {
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        if (contact == null) { // a query (RFC 3261 §10.2.3): the current binding
            Response ok = ok(request, now);
            Optional<Registration> current = bindings.get(line, now);
            if (current.isPresent()) {
                ok.addHeader(contactOf(current.get(), now));
            }
            return ok;
        }
        if (contact.isWildCard()) {
            if (expiresHeader == null || expiresHeader.getExpires() != 0) {
                return response(Response.BAD_REQUEST, request); // RFC 3261 §10.2.2
            }
            unbind(line, after);
            return ok(request, now);
        }
        int asked = contact.getExpires() >= 0 ? contact.getExpires()
                : expiresHeader != null ? expiresHeader.getExpires() : (int) settings.defaultExpiry().toSeconds();
        if (asked == 0) {
            unbind(line, after);
            return ok(request, now);
        }
        if (asked < settings.minExpiry().toSeconds()) {
            Response brief = response(Response.INTERVAL_TOO_BRIEF, request);
            brief.addHeader(stack.headers().createMinExpiresHeader((int) settings.minExpiry().toSeconds()));
            return brief;
        }
        long granted = Math.min(asked, settings.maxExpiry().toSeconds());
        UserAgentHeader agent = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        Registration registration = new Registration(line, contact.getAddress().getURI().toString(),
                transportOf(request), source, now.plusSeconds(granted), agent == null ? null : joined(agent));
        Optional<Registration> previous = bindings.bind(registration);
        if (previous.isEmpty() || !previous.get().reachedAt().equals(source)) {
            LOG.info("line {} registered at {} ({}) reached at {}/{} for {} s", line, registration.contact(),
                    registration.userAgent(), source, registration.transport(), granted);
        }
        timers.schedule(this::expireDue, Duration.ofSeconds(granted).toNanos(), TimeUnit.NANOSECONDS);
        listeners.forEach(l -> after.add(() -> notifyOnline(l, registration)));
        Response ok = ok(request, now);
        ok.addHeader(contactOf(registration, now));
        return ok;
    }

    private void unbind(String line, List<Runnable> after) {
        if (bindings.remove(line)) {
            LOG.info("line {} unregistered", line);
            offline(line, RegistrationListener.OfflineReason.UNREGISTERED, after);
        }
    }

    private void failed(String ip, String line, String why, Instant now) {
        Instant blockedUntil = failures.failed(ip, now);
        LOG.debug("REGISTER for line {} from {} failed: {}", line, ip, why);
        if (blockedUntil != null) {
            // Once per block: the block answers every later attempt without logging.
            LOG.warn("blocking REGISTER from {} until {}: {} failed authentications within {} (last: line {}, {})",
                    ip, blockedUntil, settings.authFailures(), settings.authFailureWindow(), line, why);
        }
    }

    private Response challenge(Request request, String ip, Instant now, boolean stale) throws ParseException {
        Response challenge = response(Response.UNAUTHORIZED, request);
        WWWAuthenticateHeader h = stack.headers().createWWWAuthenticateHeader("Digest");
        h.setRealm(REALM);
        h.setNonce(nonces.issue(ip, now));
        h.setAlgorithm("MD5");
        h.setQop("auth");
        if (stale) {
            h.setStale(true);
        }
        challenge.addHeader(h);
        return challenge;
    }

    private static DigestCredentials credentialsOf(AuthorizationHeader auth) {
        // nc and uri raw, as the client hashed them: the typed getters re-encode them.
        String uri = auth.getParameter("uri");
        return new DigestCredentials(auth.getUsername(), auth.getRealm(), auth.getNonce(),
                uri != null ? uri : auth.getURI() == null ? null : auth.getURI().toString(), auth.getResponse(),
                auth.getAlgorithm(), auth.getOpaque(), auth.getQop(), auth.getCNonce(), auth.getParameter("nc"));
    }

    private ContactHeader contactOf(Registration registration, Instant now) throws ParseException,
            InvalidArgumentException {
        ContactHeader contact = stack.headers().createContactHeader(
                stack.addresses().createAddress(stack.addresses().createURI(registration.contact())));
        contact.setExpires((int) Math.max(0, Duration.between(now, registration.expiresAt()).toSeconds()));
        return contact;
    }

    private Response ok(Request request, Instant now) throws ParseException {
        Response ok = response(Response.OK, request);
        Calendar date = Calendar.getInstance(TimeZone.getTimeZone("GMT"), Locale.ROOT);
        date.setTimeInMillis(now.toEpochMilli());
        ok.addHeader(stack.headers().createDateHeader(date)); // RFC 3261 §10.3 step 8
        return ok;
    }

    private Response response(int status, Request request) throws ParseException {
        Response response = stack.messages().createResponse(status, request);
        response.addHeader(stack.headers().createUserAgentHeader(List.of(USER_AGENT)));
        return response;
    }

    private Response quietly(int status, Request request) {
        try {
            return response(status, request);
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * Where the request really came from (RFC 3581 {@code received}/{@code rport}): the packet's
     * source, or the TCP peer. Not {@code getRemotePort()}: the RI fills that from the Via, which
     * a phone behind NAT writes with its private port.
     */
    private static InetSocketAddress sourceOf(Request request) {
        SIPRequest sip = (SIPRequest) request;
        if (sip.getPeerPacketSourceAddress() != null && sip.getPeerPacketSourcePort() > 0) {
            return new InetSocketAddress(sip.getPeerPacketSourceAddress(), sip.getPeerPacketSourcePort());
        }
        return new InetSocketAddress(sip.getRemoteAddress(), sip.getRemotePort());
    }

    private static String transportOf(Request request) {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toLowerCase(Locale.ROOT);
    }

    private static String joined(UserAgentHeader agent) {
        StringBuilder out = new StringBuilder();
        for (var it = agent.getProduct(); it.hasNext(); ) {
            out.append(out.isEmpty() ? "" : " ").append(it.next());
        }
        return out.toString();
    }

    // ---- expiry and keep-alive ------------------------------------------------------------

    private void expireDue() {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            for (String line : bindings.expire(clock.instant())) {
                LOG.info("line {}: registration expired", line);
                offline(line, RegistrationListener.OfflineReason.EXPIRED, after);
            }
        }
        after.forEach(Runnable::run);
    }

    private void keepAliveTick() {
        try {
            expireDue();
            List<Runnable> after = new ArrayList<>();
            for (String line : keepAlive.tick()) {
                LOG.info("line {}: {} keep-alive OPTIONS in a row unanswered; offline", line,
                        settings.keepAliveMisses());
                offline(line, RegistrationListener.OfflineReason.UNREACHABLE, after);
            }
            after.forEach(Runnable::run);
        } catch (RuntimeException e) {
            LOG.error("registrar keep-alive failed", e);
        }
    }

    /** Takes the stack's event when it belongs to a keep-alive probe; says whether it did. */
    public boolean take(SipEvent event) {
        return keepAlive.take(event);
    }

    // ---- listeners ------------------------------------------------------------------------

    private void offline(String line, RegistrationListener.OfflineReason reason, List<Runnable> after) {
        listeners.forEach(l -> after.add(() -> {
            try {
                l.offline(line, reason);
            } catch (RuntimeException e) {
                LOG.error("registration listener failed on offline({}, {})", line, reason, e);
            }
        }));
    }

    private static void notifyOnline(RegistrationListener listener, Registration registration) {
        try {
            listener.online(registration);
        } catch (RuntimeException e) {
            LOG.error("registration listener failed on online({})", registration.line(), e);
        }
    }

    /** For tests: how many source IPs the failure counter tracks. */
    int trackedSources() {
        synchronized (lock) {
            return failures.tracked();
        }
    }
}
