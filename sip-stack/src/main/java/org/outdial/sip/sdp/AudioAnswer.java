package org.outdial.sip.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The answer to an SDP offer (RFC 3264 §6), from what {@link AudioOffer} can carry: G.711 and
 * RFC 4733 telephone-events, 20 ms packets. Outdial answers the re-INVITEs of its own calls with
 * it; the testbed's simulated carrier answers Outdial's INVITEs with it.
 *
 * <p>One m= line per offered one, in the offer's order (§6: the answer must match streams by
 * position). The first audio stream that offers PCMU or PCMA is taken: its first G.711 payload
 * type (the offerer's preference, §6.1), with the offerer's payload type numbers (§6.1: the
 * answerer should use them), plus its telephone-event/8000 type when it offers one, with events
 * 0-16; the stream's direction mirrors the offered one ({@link MediaDirection#answer()}). Every
 * other stream is refused with port 0 (§6). When no stream can be taken there is no answer and
 * the offer is refused (488 Not Acceptable Here).
 */
public final class AudioAnswer {

    private AudioAnswer() {
    }

    /**
     * The answer to {@code offer}.
     *
     * @param origin      the answerer's o= line; its address is also the answer's c= address
     * @param sessionName the answerer's s= line
     * @param port        the answerer's RTP port for the taken stream
     * @return the answer, or empty when the offer has no audio stream with PCMU or PCMA
     */
    public static Optional<SessionDescription> to(SessionDescription offer, Origin origin, String sessionName,
                                                  int port) {
        List<MediaDescription> streams = new ArrayList<>(offer.media().size());
        boolean taken = false;
        for (MediaDescription offered : offer.media()) {
            OptionalInt codec = taken || !offered.media().equals("audio") || offered.port() == 0
                    ? OptionalInt.empty() : firstG711(offered);
            if (codec.isEmpty()) {
                streams.add(refused(offered));
                continue;
            }
            taken = true;
            streams.add(accepted(offered, codec.getAsInt(), port));
        }
        if (!taken) {
            return Optional.empty();
        }
        return Optional.of(new SessionDescription(origin, sessionName, origin.address(), streams));
    }

    private static MediaDescription accepted(MediaDescription offered, int codec, int port) {
        List<Integer> formats = new ArrayList<>(List.of(codec));
        Map<Integer, RtpMap> maps = new HashMap<>(Map.of(codec, offered.mapping(codec).orElseThrow()));
        Map<Integer, String> fmtp = new HashMap<>();
        OptionalInt events = offered.payloadTypeOf("telephone-event", 8000);
        if (events.isPresent()) {
            int te = events.getAsInt();
            formats.add(te);
            maps.put(te, new RtpMap(te, "telephone-event", 8000, 1));
            fmtp.put(te, AudioOffer.TELEPHONE_EVENTS);
        }
        return new MediaDescription("audio", port, offered.protocol(), formats, null, maps, fmtp,
                AudioOffer.PTIME_MS, offered.direction().answer());
    }

    /** RFC 3264 §6: a refused stream keeps its media type, protocol and formats, with port 0. */
    private static MediaDescription refused(MediaDescription offered) {
        return new MediaDescription(offered.media(), 0, offered.protocol(), offered.formats(), null, Map.of(),
                Map.of(), 0, MediaDirection.INACTIVE);
    }

    private static OptionalInt firstG711(MediaDescription offered) {
        for (int pt : offered.formats()) {
            var map = offered.mapping(pt);
            if (map.isPresent() && (map.get().is("PCMU", 8000) || map.get().is("PCMA", 8000))) {
                return OptionalInt.of(pt);
            }
        }
        return OptionalInt.empty();
    }
}
