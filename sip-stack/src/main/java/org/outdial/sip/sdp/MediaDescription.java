package org.outdial.sip.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code m=} section with what Outdial reads from it (RFC 4566 §5.14, §6).
 *
 * @param media       {@code audio}, {@code video}, ...
 * @param port        the transport port; 0 means the stream is rejected or disabled (RFC 3264 §6)
 * @param protocol    for example {@code RTP/AVP}
 * @param formats     the payload types in preference order, as numbers (RTP profiles only)
 * @param connection  the media-level {@code c=} address, or null to use the session-level one
 * @param rtpMaps     the {@code a=rtpmap} lines, by payload type
 * @param fmtp        the {@code a=fmtp} parameters, by payload type
 * @param ptime       {@code a=ptime} in milliseconds, or 0 when absent
 * @param direction   the stream's direction, inherited from the session level when not given here
 */
public record MediaDescription(String media, int port, String protocol, List<Integer> formats,
                               String connection, Map<Integer, RtpMap> rtpMaps,
                               Map<Integer, String> fmtp, int ptime, MediaDirection direction) {

    public MediaDescription {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("m= port must be 0..65535, was " + port);
        }
        formats = List.copyOf(formats);
        rtpMaps = Map.copyOf(rtpMaps);
        fmtp = Map.copyOf(fmtp);
    }

    /** The mapping for a payload type: its rtpmap line, or RFC 3551's static assignment. */
    public Optional<RtpMap> mapping(int payloadType) {
        RtpMap explicit = rtpMaps.get(payloadType);
        return Optional.ofNullable(explicit != null ? explicit : RtpMap.staticMapping(payloadType));
    }

    /** The first payload type of this stream whose mapping is {@code encoding/clockRate}. */
    public OptionalInt payloadTypeOf(String encoding, int clockRate) {
        for (int pt : formats) {
            Optional<RtpMap> map = mapping(pt);
            if (map.isPresent() && map.get().is(encoding, clockRate)) {
                return OptionalInt.of(pt);
            }
        }
        return OptionalInt.empty();
    }
}
