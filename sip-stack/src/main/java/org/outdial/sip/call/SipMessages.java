package org.outdial.sip.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ReasonHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.sip.registrar.LineRoute;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.sdp.SdpWriter;
import org.outdial.sip.sdp.SessionDescription;
import org.outdial.sip.stack.JainSipStack;
import org.outdial.sip.trunk.DigestAnswer;
import org.outdial.sip.trunk.DigestChallenge;
import org.outdial.sip.trunk.TrunkSettings;

/** Builds the SIP messages Outdial sends, with the stack's factories. */
final class SipMessages {

    static final String USER_AGENT = "Outdial";
    /** RFC 3261 §20.5: what Outdial accepts inside a dialog. */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS";

    private final JainSipStack stack;

    SipMessages(JainSipStack stack) {
        this.stack = stack;
    }

    JainSipStack stack() {
        return stack;
    }

    /** The first INVITE of a call, with the SDP offer. */
    Request invite(CallTarget target, DialRequest dial, SessionDescription offer)
            throws ParseException, InvalidArgumentException {
        return switch (target) {
            case CallTarget.Trunk t -> trunkInvite(t.trunk(), dial, offer);
            case CallTarget.Line l -> lineInvite(l.call(), l.registration(), offer);
        };
    }

    private Request trunkInvite(TrunkSettings trunk, DialRequest dial, SessionDescription offer)
            throws ParseException, InvalidArgumentException {
        var addresses = stack.addresses();
        var headers = stack.headers();
        ListeningPoint lp = stack.listeningPoint(trunk.transport());
        String localHost = lp.getIPAddress();

        SipURI target = addresses.createSipURI(trunk.prefix() + dial.number(), trunk.host());
        target.setPort(trunk.port());
        if (trunk.transport().equals("tcp")) {
            target.setTransportParam("tcp");
        }
        String callerId = dial.callerId() != null ? dial.callerId() : trunk.callerId();
        // RFC 3323 §4.1.1.3: the anonymous From when there is no caller ID to present.
        SipURI fromUri = callerId != null
                ? addresses.createSipURI(callerId, localHost)
                : addresses.createSipURI("anonymous", "anonymous.invalid");
        Address fromAddress = addresses.createAddress(fromUri);
        FromHeader from = headers.createFromHeader(fromAddress, tag());
        ToHeader to = headers.createToHeader(addresses.createAddress((SipURI) target.clone()), null);
        CallIdHeader callId = stack.provider().getNewCallId();
        CSeqHeader cseq = headers.createCSeqHeader(1L, Request.INVITE);
        ViaHeader via = headers.createViaHeader(localHost, lp.getPort(), trunk.transport(), null);
        Request invite = stack.messages().createRequest(target, Request.INVITE, callId, cseq, from, to,
                List.of(via), headers.createMaxForwardsHeader(70));
        invite.addHeader(contact(trunk.transport()));
        invite.addHeader(headers.createAllowHeader(ALLOW));
        invite.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        invite.setContent(SdpWriter.write(offer), sdpType());
        return invite;
    }

    /**
     * The INVITE to an operator's phone (docs/TELEPHONY.md, "Operator lines"): the registered
     * contact as Request-URI, a Route to where the phone was reached, From naming the callee
     * ({@code "name" <sip:callerId@outdial>}), To the line, and the call's X- headers.
     */
    private Request lineInvite(LineCall call, Registration registration, SessionDescription offer)
            throws ParseException, InvalidArgumentException {
        var addresses = stack.addresses();
        var headers = stack.headers();
        String transport = registration.transport();
        ListeningPoint lp = stack.listeningPoint(transport);
        String localHost = lp.getIPAddress();
        URI target = addresses.createURI(registration.contact());
        Address fromAddress = addresses.createAddress(addresses.createSipURI(call.callerId(), localHost));
        String display = call.callerName() != null && !call.callerName().isBlank() ? call.callerName() : call.callerId();
        fromAddress.setDisplayName(quotable(display));
        FromHeader from = headers.createFromHeader(fromAddress, tag());
        ToHeader to = headers.createToHeader(addresses.createAddress(addresses.createSipURI(call.line(), localHost)),
                null);
        ViaHeader via = headers.createViaHeader(localHost, lp.getPort(), transport, null);
        Request invite = stack.messages().createRequest(target, Request.INVITE, stack.provider().getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE), from, to, List.of(via), headers.createMaxForwardsHeader(70));
        invite.addHeader(LineRoute.to(stack, registration));
        invite.addHeader(contact(transport));
        invite.addHeader(headers.createAllowHeader(ALLOW));
        invite.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        for (var header : new java.util.TreeMap<>(call.headers()).entrySet()) {
            invite.addHeader(headers.createHeader(header.getKey(), oneLine(header.getValue())));
        }
        invite.setContent(SdpWriter.write(offer), sdpType());
        return invite;
    }

    /** The Route a request in a line call's dialog needs (the INVITE's, see {@link LineRoute}), or null for a trunk. */
    RouteHeader routeOf(CallTarget target) throws ParseException {
        return target instanceof CallTarget.Line line && line.registration() != null
                ? LineRoute.to(stack, line.registration()) : null;
    }

    /** A display name without what would end its quoted-string (RFC 3261 §25.1). */
    private static String quotable(String text) {
        return text.replaceAll("[\"\\\\\\r\\n]", "").strip();
    }

    /** A header value on one line: no CR or LF to inject headers with. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }

    /**
     * The INVITE again with credentials (RFC 3261 §22.2): same Call-ID, From and To, CSeq one
     * higher, a new branch, and the Authorization or Proxy-Authorization header.
     */
    Request authenticated(Request previous, Response challenge, TrunkSettings trunk, int nonceCount)
            throws ParseException, InvalidArgumentException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        WWWAuthenticateHeader h = (WWWAuthenticateHeader) challenge.getHeader(
                proxy ? javax.sip.header.ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (h == null || !"Digest".equalsIgnoreCase(h.getScheme())) {
            throw new ParseException("challenge has no Digest " + (proxy ? "Proxy-" : "WWW-") + "Authenticate", 0);
        }
        DigestChallenge digest = new DigestChallenge(h.getRealm(), h.getNonce(), h.getOpaque(), h.getAlgorithm(),
                h.getQop());
        Request retry = (Request) previous.clone();
        String uri = retry.getRequestURI().toString();
        DigestAnswer answer = DigestAnswer.answer(digest, trunk.username(), trunk.password(), Request.INVITE, uri,
                Long.toHexString(ThreadLocalRandom.current().nextLong()), nonceCount);
        var headers = stack.headers();
        AuthorizationHeader auth = proxy
                ? headers.createProxyAuthorizationHeader("Digest")
                : headers.createAuthorizationHeader("Digest");
        auth.setUsername(answer.username());
        auth.setRealm(answer.realm());
        auth.setNonce(answer.nonce());
        auth.setURI(retry.getRequestURI());
        auth.setResponse(answer.response());
        auth.setAlgorithm(answer.algorithm());
        if (answer.opaque() != null) {
            auth.setOpaque(answer.opaque());
        }
        if (answer.qop() != null) {
            auth.setQop(answer.qop());
            auth.setCNonce(answer.cnonce());
            auth.setNonceCount(Integer.parseInt(answer.nonceCount(), 16));
        }
        retry.setHeader(auth);
        CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        ViaHeader oldVia = (ViaHeader) retry.getHeader(ViaHeader.NAME);
        retry.removeHeader(ViaHeader.NAME);
        retry.addHeader(headers.createViaHeader(oldVia.getHost(), oldVia.getPort(), oldVia.getTransport(), null));
        return retry;
    }

    ContactHeader contact(String transport) throws ParseException {
        ListeningPoint lp = stack.listeningPoint(transport);
        SipURI uri = stack.addresses().createSipURI("outdial", lp.getIPAddress());
        uri.setPort(lp.getPort());
        if (transport.equals("tcp")) {
            uri.setTransportParam("tcp");
        }
        return stack.headers().createContactHeader(stack.addresses().createAddress(uri));
    }

    Response response(int status, Request request) throws ParseException {
        Response response = stack.messages().createResponse(status, request);
        response.addHeader(stack.headers().createUserAgentHeader(List.of(USER_AGENT)));
        return response;
    }

    /** 200 to OPTIONS (RFC 3261 §11.2): what we allow and accept. */
    Response optionsOk(Request options) throws ParseException {
        Response ok = response(Response.OK, options);
        ok.addHeader(stack.headers().createAllowHeader(ALLOW));
        ok.addHeader(stack.headers().createAcceptHeader("application", "sdp"));
        return ok;
    }

    /** {@code Reason: Q.850;cause=N} on a BYE or CANCEL (RFC 3326), so the peer's CDR gets our cause. */
    void addReason(Request request, int cause, String text) throws ParseException, InvalidArgumentException {
        request.addHeader(stack.headers().createReasonHeader("Q.850", cause, text));
    }

    void setSdp(Message message, SessionDescription sdp) throws ParseException {
        message.setContent(SdpWriter.write(sdp), sdpType());
    }

    ContentTypeHeader sdpType() throws ParseException {
        return stack.headers().createContentTypeHeader("application", "sdp");
    }

    /** The SDP body of a message, or null when it has none. */
    static String sdpBody(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        byte[] raw = message.getRawContent();
        if (type == null || raw == null || raw.length == 0) {
            return null;
        }
        if (!"application".equalsIgnoreCase(type.getContentType())
                || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return null;
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The Q.850 cause of a {@code Reason} header (RFC 3326), or 0 when there is none. */
    static int q850Reason(Message message) {
        ListIterator<Header> reasons = message.getHeaders(ReasonHeader.NAME);
        while (reasons != null && reasons.hasNext()) {
            ReasonHeader reason = (ReasonHeader) reasons.next();
            if ("Q.850".equalsIgnoreCase(reason.getProtocol()) && reason.getCause() > 0) {
                return reason.getCause();
            }
        }
        return 0;
    }

    private static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }
}
