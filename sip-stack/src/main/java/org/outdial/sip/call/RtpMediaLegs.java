package org.outdial.sip.call;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaException;
import org.outdial.media.rtp.RelayStats;
import org.outdial.media.rtp.RtpSession;
import org.outdial.media.rtp.RtpStats;

/** {@link MediaLegs} on the media module: one {@link RtpSession} of the process's engine per call. */
public final class RtpMediaLegs implements MediaLegs {

    private final MediaEngine engine;

    public RtpMediaLegs(MediaEngine engine) {
        this.engine = engine;
    }

    @Override
    public MediaLeg open() throws IOException {
        try {
            return new Leg(engine.openSession(), engine.settings().bindAddress());
        } catch (MediaException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public int openCount() {
        return engine.openSessionCount();
    }

    private record Leg(RtpSession session, String advertised) implements MediaLeg {

        @Override
        public String localAddress() {
            var bound = session.localAddress().getAddress();
            // A wildcard bind cannot be advertised; the configured address is what peers reach.
            return bound.isAnyLocalAddress() ? advertised : bound.getHostAddress();
        }

        @Override
        public int localPort() {
            return session.localPort();
        }

        @Override
        public void connect(InetSocketAddress remote, Codec codec, int dtmfPayloadType) {
            session.connect(remote, codec, dtmfPayloadType);
        }

        @Override
        public CompletableFuture<Void> play(AudioSource audio) {
            return session.play(audio);
        }

        @Override
        public void stopPlayback() {
            session.stopPlayback();
        }

        @Override
        public CompletableFuture<Void> sendDtmf(String digits) {
            return session.sendDtmf(digits);
        }

        @Override
        public void onDtmf(Consumer<DtmfEvent> listener) {
            session.onDtmf(listener);
        }

        @Override
        public void onAudio(Consumer<short[]> listener) {
            session.onAudio(listener);
        }

        @Override
        public void onSentAudio(Consumer<short[]> listener) {
            session.onSentAudio(listener);
        }

        @Override
        public void relayFrom(MediaLeg other) {
            if (!(other instanceof Leg from)) {
                throw new IllegalArgumentException("can relay only another leg of the media engine, not " + other);
            }
            session.relayFrom(from.session);
        }

        @Override
        public void stopRelay() {
            session.stopRelay();
        }

        @Override
        public RelayStats relayStats() {
            return session.relayStats();
        }

        @Override
        public RtpStats stats() {
            return session.stats();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
