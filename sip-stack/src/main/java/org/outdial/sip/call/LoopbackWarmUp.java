package org.outdial.sip.call;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ServerTransaction;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.sdp.AudioAnswer;
import org.outdial.sip.sdp.NegotiatedAudio;
import org.outdial.sip.sdp.Origin;
import org.outdial.sip.sdp.SdpParser;
import org.outdial.sip.sdp.SdpWriter;
import org.outdial.sip.sdp.SessionDescription;
import org.outdial.sip.stack.JainSipStack;
import org.outdial.sip.stack.SipEvent;
import org.outdial.sip.stack.SipEventAdapter;
import org.outdial.sip.stack.SipSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridged call through the real stack and media engine, on loopback, before the dialer's
 * first call: two line calls from the telephony to a throw-away answering peer (a second JAIN-SIP
 * stack on 127.0.0.1 that answers every INVITE at once and plays a tone), bridged for a moment,
 * then hung up. So the INVITE → 200 → ACK → bridge → BYE path, the SDP offer and answer, the RTP
 * relay and the transaction and dialog code of JAIN-SIP (both ends of them) have all run once and
 * had their classes loaded before a campaign's first wave needs them. Without it the first calls
 * paid for that: in the dead-air benchmark the ten operators' first calls, rung in the same few
 * milliseconds on a cold JVM, took 490-580 ms from the callee's answer to the operator's first
 * frame, against 15-30 ms once warm (docs/BENCHMARKS.md, "Issue 10: dead air").
 *
 * <p>Best effort and bounded: a failure or timeout is logged and the dialer starts anyway. The
 * calls never leave the machine and are not campaign calls (no record, no event); while they run
 * {@link SipTelephony#counts()} shows them like any call.
 */
final class LoopbackWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackWarmUp.class);
    /** The line the warm-up calls ring; digits, as {@link LineCall} wants, and no real line's. */
    static final String LINE = "0000000000000000000";
    /** Relayed frames each peer must hear through the bridge: the relay has run, both ways. */
    private static final int FRAMES_HEARD = 10;

    private final SipTelephony telephony;
    private final MediaLegs media;
    private final Map<String, MediaLeg> peerLegs = new ConcurrentHashMap<>();
    /** Frames with the other peer's tone in them, per peer leg, as heard through the bridge. */
    private final List<AtomicInteger> heard = new CopyOnWriteArrayList<>();
    private JainSipStack peer;

    LoopbackWarmUp(SipTelephony telephony, MediaLegs media) {
        this.telephony = telephony;
        this.media = media;
    }

    /** Runs the warm-up within {@code budget}; returns how long it took, or throws what went wrong. */
    Duration run(Duration budget) throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(budget);
        int port = freeUdpPort();
        peer = JainSipStack.start(new SipSettings("127.0.0.1", port, 2), new SipEventAdapter(this::onPeerEvent));
        List<Call> calls = new ArrayList<>();
        try {
            Registration at = new Registration(LINE, "sip:" + LINE + "@127.0.0.1:" + port, "udp",
                    new InetSocketAddress("127.0.0.1", port), start.plus(Duration.ofMinutes(1)), "outdial warm-up");
            for (int i = 0; i < 2; i++) {
                LineCall line = new LineCall(LINE, "0", "warm-up", Map.of("X-Outdial-Warm-Up", "1"),
                        Duration.ofSeconds(2), Duration.ofSeconds(10));
                calls.add(telephony.dialLine(line, at));
            }
            for (Call call : calls) {
                if (!Boolean.TRUE.equals(call.answered().get(millisLeft(deadline), TimeUnit.MILLISECONDS))) {
                    throw new IllegalStateException("the warm-up peer did not answer " + call);
                }
            }
            calls.get(0).bridge(calls.get(1));
            while (heard.size() < 2 || heard.stream().anyMatch(n -> n.get() < FRAMES_HEARD)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the bridge relayed too little within " + budget + ": " + heard);
                }
                Thread.sleep(10);
            }
        } finally {
            for (Call call : calls) {
                call.hangup();
            }
            for (Call call : calls) {
                try {
                    call.outcome().get(Math.max(1, millisLeft(deadline)), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.debug("warm-up call {} did not end in time: {}", call, e.toString());
                }
            }
            peerLegs.values().forEach(MediaLeg::close);
            peer.close();
        }
        return Duration.between(start, Instant.now());
    }

    private static long millisLeft(Instant deadline) {
        return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The answering peer, on its stack's threads: answers INVITE at once, BYE with 200. */
    private void onPeerEvent(SipEvent event) {
        if (!(event instanceof SipEvent.RequestReceived r)) {
            return;
        }
        Request request = r.request();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> transaction(r).sendResponse(answer(request));
                case Request.BYE -> {
                    transaction(r).sendResponse(peer.messages().createResponse(Response.OK, request));
                    MediaLeg leg = peerLegs.remove(callId(request));
                    if (leg != null) {
                        leg.close();
                    }
                }
                case Request.ACK -> {
                    // the 2xx's ACK: nothing to do
                }
                default -> transaction(r).sendResponse(peer.messages().createResponse(Response.OK, request));
            }
        } catch (Exception e) {
            LOG.debug("warm-up peer could not answer {}: {}", request.getMethod(), e.toString());
        }
    }

    private ServerTransaction transaction(SipEvent.RequestReceived r) throws Exception {
        return r.transaction() != null ? r.transaction() : peer.provider().getNewServerTransaction(r.request());
    }

    /** 200 with an SDP answer from a leg of its own, which plays a tone to the caller. */
    private Response answer(Request invite) throws Exception {
        SessionDescription offer = SdpParser.parse(new String(invite.getRawContent(), StandardCharsets.UTF_8));
        MediaLeg leg = media.open();
        peerLegs.put(callId(invite), leg);
        SessionDescription answer = AudioAnswer.to(offer, new Origin("outdial-warm-up", 1, 1, "IP4", "127.0.0.1"),
                "warm-up", leg.localPort()).orElseThrow();
        NegotiatedAudio audio = NegotiatedAudio.fromAnswer(offer);
        leg.connect(audio.remote(), Codec.forPayloadType(audio.payloadType()).orElseThrow(), audio.dtmfPayloadType());
        AtomicInteger frames = new AtomicInteger();
        heard.add(frames);
        // What this peer hears is the other peer's tone, relayed by the bridge (Outdial's own
        // packets before the bridge are silence).
        leg.onAudio(pcm -> {
            for (short sample : pcm) {
                if (sample > 2000 || sample < -2000) {
                    frames.incrementAndGet();
                    return;
                }
            }
        });
        leg.play(AudioSource.tone(700, Duration.ofSeconds(3), 0.3));
        Response ok = peer.messages().createResponse(Response.OK, invite);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("warm-up-" + Long.toHexString(System.nanoTime()));
        ok.addHeader(peer.headers().createContactHeader(peer.addresses().createAddress(
                peer.addresses().createSipURI(LINE, "127.0.0.1:" + peer.listeningPoint("udp").getPort()))));
        ok.setContent(SdpWriter.write(answer), peer.headers().createContentTypeHeader("application", "sdp"));
        return ok;
    }

    private static String callId(Request request) {
        return ((javax.sip.header.CallIdHeader) request.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
    }
}
