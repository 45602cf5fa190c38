package org.outdial.testbed.phones;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.sip.trunk.DigestAnswer;
import org.outdial.sip.trunk.DigestChallenge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone's registration binding (RFC 3261 §10.2): REGISTER with its line as the user and its
 * contact address, answering a 401 or 407 digest challenge once per attempt (twice when the
 * registrar says the nonce was {@code stale}), refreshing at half of the granted expiry, retrying
 * after a failure, and removing the binding with {@code Expires: 0} when the phone is closed.
 *
 * <p>One Call-ID for every REGISTER of the phone and a CSeq that always grows (§10.2.4: the
 * registrar orders a UA's requests by them). Guarded by its own monitor.
 */
final class PhoneRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneRegistration.class);
    private static final String USER_AGENT = "Outdial simulated operator phone";

    /** Where the binding is. */
    enum State { UNREGISTERED, REGISTERING, REGISTERED, FAILED, UNREGISTERING }

    private final PhoneLine line;
    private final PhonesSettings settings;
    private final PhoneSipStack sip;
    private final SipProvider provider;
    private final ScheduledExecutorService timers;
    private final String callId;
    private final String fromTag;
    private final AtomicLong cseq = new AtomicLong();
    private final AtomicLong registrations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private State state = State.UNREGISTERED;
    private int lastStatus;
    private int challengesThisAttempt;
    private int requestedExpires;
    /** What each REGISTER asks for: the settings' expiry, raised to a 423's Min-Expires. */
    private int askedExpires;
    private long nonceCount;
    private String lastNonce;
    private ScheduledFuture<?> timer;
    private CompletableFuture<Void> registered = new CompletableFuture<>();
    private CompletableFuture<Void> unregistered = new CompletableFuture<>();
    private boolean stopped;

    PhoneRegistration(PhoneLine line, PhonesSettings settings, PhoneSipStack sip, SipProvider provider,
                      ScheduledExecutorService timers) {
        this.line = line;
        this.settings = settings;
        this.sip = sip;
        this.provider = provider;
        this.timers = timers;
        this.callId = provider.getNewCallId().getCallId();
        this.fromTag = Long.toHexString(Double.doubleToLongBits(Math.random()));
    }

    synchronized void start() {
        stopped = false;
        askedExpires = (int) settings.expires().toSeconds();
        send(askedExpires, null);
    }

    /** Stops refreshing without telling the registrar (a phone that lost its network). */
    synchronized void abandon() {
        stopped = true;
        cancelTimer();
        state = State.UNREGISTERED;
        registered = new CompletableFuture<>();
    }

    /** Removes the binding (Expires: 0) and waits for the registrar's answer, at most {@code timeout}. */
    boolean unregister(Duration timeout) {
        CompletableFuture<Void> done;
        synchronized (this) {
            cancelTimer();
            if (stopped || state == State.UNREGISTERED) {
                stopped = true;
                return true;
            }
            stopped = true;
            unregistered = new CompletableFuture<>();
            done = unregistered;
            send(0, null);
        }
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("{}: un-REGISTER got no 2xx within {}", line.number(), timeout);
            return false;
        }
    }

    synchronized State state() {
        return state;
    }

    synchronized int lastStatus() {
        return lastStatus;
    }

    long registrations() {
        return registrations.get();
    }

    /** REGISTER attempts that ended without a binding (refused, challenged twice, timed out). */
    long failures() {
        return failures.get();
    }

    /** Complete while registered; after a failure or {@link #abandon}, a new one completes at the next 2xx. */
    synchronized CompletableFuture<Void> registered() {
        return registered;
    }

    // ---- the REGISTER transaction ---------------------------------------------------------------

    /** Sends a REGISTER asking for {@code expires} seconds; caller holds the monitor. */
    private void send(int expires, Response challenge) {
        requestedExpires = expires;
        if (challenge == null) {
            challengesThisAttempt = 0;
        }
        state = expires == 0 ? State.UNREGISTERING : State.REGISTERING;
        try {
            Request register = request(expires);
            if (challenge != null) {
                register.addHeader(authorization(challenge, register));
            }
            ClientTransaction tx = provider.getNewClientTransaction(register);
            tx.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | IllegalArgumentException e) {
            LOG.warn("{}: cannot send REGISTER: {}", line.number(), e.toString());
            failed(0);
        }
    }

    private Request request(int expires) throws ParseException, InvalidArgumentException {
        var addresses = sip.addresses();
        var headers = sip.headers();
        SipURI registrar = addresses.createSipURI(null, settings.registrarHost());
        registrar.setPort(settings.registrarPort());
        if (settings.transport().equals("tcp")) {
            registrar.setTransportParam("tcp"); // the RI picks the transport of a request from its URI
        }
        SipURI aor = addresses.createSipURI(line.number(), settings.registrarHost());
        aor.setPort(settings.registrarPort());
        Address aorAddress = addresses.createAddress(aor);
        int localPort = provider.getListeningPoint(settings.transport()).getPort();
        ViaHeader via = headers.createViaHeader(sip.address(), localPort, settings.transport(), null);
        via.setRPort(); // RFC 3581: ask the registrar to answer where the REGISTER really came from
        Request register = sip.messages().createRequest(registrar, Request.REGISTER,
                headers.createCallIdHeader(callId), headers.createCSeqHeader(cseq.incrementAndGet(), Request.REGISTER),
                headers.createFromHeader(aorAddress, fromTag), headers.createToHeader(aorAddress, null),
                List.of(via), headers.createMaxForwardsHeader(70));
        register.addHeader(headers.createContactHeader(addresses.createAddress(contactUri(localPort))));
        register.addHeader(headers.createExpiresHeader(expires));
        register.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        return register;
    }

    private SipURI contactUri(int localPort) throws ParseException {
        SipURI contact = sip.addresses().createSipURI(line.number(), sip.address());
        contact.setPort(localPort);
        if (settings.transport().equals("tcp")) {
            contact.setTransportParam("tcp");
        }
        return contact;
    }

    /** RFC 3261 §22.2 and §22.3: the answer to the challenge in {@code challenge}, for {@code register}. */
    private AuthorizationHeader authorization(Response challenge, Request register) throws ParseException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        WWWAuthenticateHeader asked = (WWWAuthenticateHeader) challenge.getHeader(
                proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        DigestChallenge parsed = new DigestChallenge(asked.getRealm(), asked.getNonce(), asked.getOpaque(),
                asked.getAlgorithm(), asked.getQop());
        // A registrar may challenge again with the same nonce; the count then grows (RFC 2617 §3.2.2).
        nonceCount = parsed.nonce().equals(lastNonce) ? nonceCount + 1 : 1;
        lastNonce = parsed.nonce();
        String uri = register.getRequestURI().toString();
        DigestAnswer answer = DigestAnswer.answer(parsed, line.number(), line.password(), Request.REGISTER, uri,
                Long.toHexString(Double.doubleToLongBits(Math.random())), (int) nonceCount);
        var headers = sip.headers();
        AuthorizationHeader header = proxy ? headers.createProxyAuthorizationHeader("Digest")
                : headers.createAuthorizationHeader("Digest");
        header.setUsername(answer.username());
        header.setRealm(answer.realm());
        header.setNonce(answer.nonce());
        header.setURI(sip.addresses().createURI(answer.uri()));
        header.setResponse(answer.response());
        header.setAlgorithm(answer.algorithm());
        if (answer.opaque() != null) {
            header.setOpaque(answer.opaque());
        }
        if (answer.cnonce() != null) {
            header.setCNonce(answer.cnonce());
        }
        if (answer.qop() != null) {
            header.setQop(answer.qop());
            header.setNonceCount(Integer.parseInt(answer.nonceCount(), 16));
        }
        return header;
    }

    synchronized void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        lastStatus = status;
        if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
            challengesThisAttempt++;
            // A second challenge means the password was wrong, unless the registrar says the
            // nonce had only gone stale (RFC 2617 §3.2.1); a third one ends the attempt anyway.
            if (challengesThisAttempt > 2 || (challengesThisAttempt == 2 && !stale(response))) {
                LOG.info("{}: registrar challenged the answer again ({}): wrong password?", line.number(), status);
                failed(status);
                return;
            }
            send(requestedExpires, response);
            return;
        }
        if (status == 423 && requestedExpires > 0) {
            // RFC 3261 §10.2.8: Interval Too Brief; ask again for the registrar's Min-Expires
            // (which only ever grows askedExpires, so this cannot loop).
            MinExpiresHeader min = (MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME);
            if (min != null && min.getExpires() > askedExpires) {
                askedExpires = min.getExpires();
                send(askedExpires, null);
                return;
            }
        }
        if (status >= 300) {
            LOG.info("{}: REGISTER refused with {} {}", line.number(), status, response.getReasonPhrase());
            failed(status);
            return;
        }
        if (requestedExpires == 0) {
            state = State.UNREGISTERED;
            unregistered.complete(null);
            return;
        }
        int granted = grantedExpires(response);
        registrations.incrementAndGet();
        state = State.REGISTERED;
        registered.complete(null);
        if (!stopped) {
            long refreshMillis = Math.max(500, granted * 500L);
            schedule(() -> {
                synchronized (this) {
                    if (!stopped) {
                        send(askedExpires, null);
                    }
                }
            }, refreshMillis);
        }
    }

    synchronized void onTimeout() {
        if (requestedExpires == 0) {
            state = State.UNREGISTERED;
            unregistered.completeExceptionally(new TimeoutException("un-REGISTER timed out"));
            return;
        }
        LOG.info("{}: REGISTER timed out", line.number());
        failed(408);
    }

    private void failed(int status) {
        lastStatus = status;
        if (requestedExpires == 0) {
            state = State.UNREGISTERED;
            unregistered.completeExceptionally(new IllegalStateException("un-REGISTER failed with " + status));
            return;
        }
        state = State.FAILED;
        failures.incrementAndGet();
        if (registered.isDone()) {
            registered = new CompletableFuture<>();
        }
        if (!stopped) {
            schedule(() -> {
                synchronized (this) {
                    if (!stopped) {
                        send(askedExpires, null);
                    }
                }
            }, settings.registerRetry().toMillis());
        }
    }

    private static boolean stale(Response response) {
        WWWAuthenticateHeader header = (WWWAuthenticateHeader) response.getHeader(
                response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED ? ProxyAuthenticateHeader.NAME
                        : WWWAuthenticateHeader.NAME);
        String stale = header == null ? null : header.getParameter("stale");
        return stale != null && stale.toLowerCase(Locale.ROOT).equals("true");
    }

    /**
     * RFC 3261 §10.2.4: the expiry the registrar granted is our Contact's {@code expires} parameter
     * in the 2xx, else its Expires header, else what we asked for.
     */
    private int grantedExpires(Response response) {
        int port = provider.getListeningPoint(settings.transport()).getPort();
        ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
        while (contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.getAddress().getURI() instanceof SipURI uri && line.number().equals(uri.getUser())
                    && uri.getPort() == port && contact.getExpires() >= 0) {
                return contact.getExpires();
            }
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        return expires != null ? expires.getExpires() : requestedExpires;
    }

    private void schedule(Runnable task, long millis) {
        cancelTimer();
        timer = timers.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: registration timer failed", line.number(), e);
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
