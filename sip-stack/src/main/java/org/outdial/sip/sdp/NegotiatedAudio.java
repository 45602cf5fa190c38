package org.outdial.sip.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * What an answer to {@link AudioOffer} settles for the call's audio stream.
 *
 * @param remote          where to send RTP (the answer's connection address and m= port)
 * @param payloadType     the G.711 payload type both sides use: 0 (PCMU) or 8 (PCMA)
 * @param dtmfPayloadType the telephone-event payload type, or -1 when the peer did not accept it
 * @param ptime           the packet time the peer asked for, 20 when it said nothing
 * @param direction       the direction the answer gave the stream
 */
public record NegotiatedAudio(InetSocketAddress remote, int payloadType, int dtmfPayloadType, int ptime,
                              MediaDirection direction) {

    /**
     * Settles the audio stream from an answer (RFC 3264 §6, §7): the first audio m= line whose port
     * is not 0, the first of its payload types that is PCMU or PCMA (the answerer's preference
     * order wins), and its telephone-event/8000 payload type if listed.
     *
     * @throws SdpFormatException when no audio stream was accepted or no G.711 codec is in common
     */
    public static NegotiatedAudio fromAnswer(SessionDescription answer) throws SdpFormatException {
        for (MediaDescription m : answer.media()) {
            if (!m.media().equals("audio") || m.port() == 0) {
                continue;
            }
            int codec = -1;
            for (int pt : m.formats()) {
                var map = m.mapping(pt);
                if (map.isPresent() && (map.get().is("PCMU", 8000) || map.get().is("PCMA", 8000))) {
                    codec = map.get().is("PCMU", 8000) ? AudioOffer.PCMU : AudioOffer.PCMA;
                    break;
                }
            }
            if (codec < 0) {
                throw new SdpFormatException("answer's audio stream has no PCMU or PCMA: " + m.formats());
            }
            String address = answer.connectionOf(m).orElseThrow(
                    () -> new SdpFormatException("answer's audio stream has no c= address"));
            int dtmf = m.payloadTypeOf("telephone-event", 8000).orElse(-1);
            return new NegotiatedAudio(socketAddress(address, m.port()), codec, dtmf,
                    m.ptime() > 0 ? m.ptime() : AudioOffer.PTIME_MS, m.direction());
        }
        throw new SdpFormatException("answer accepted no audio stream (every audio m= port is 0 or absent)");
    }

    private static InetSocketAddress socketAddress(String address, int port) throws SdpFormatException {
        try {
            // c= holds an IP literal in practice; InetAddress parses literals without DNS.
            return new InetSocketAddress(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new SdpFormatException("answer's c= address does not resolve: " + address);
        }
    }
}
