package org.outdial.sip.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an SDP body (RFC 4566) into a {@link SessionDescription}.
 *
 * <p>Lenient where real peers are sloppy and the meaning is still clear: bare LF line ends,
 * trailing blanks, unknown line types and attributes (skipped, RFC 4566 §5 asks parsers to
 * ignore what they do not understand). Strict where guessing would send media to the wrong
 * place: a malformed {@code o=}, {@code c=} or {@code m=} line is an error.
 */
public final class SdpParser {

    private SdpParser() {
    }

    public static SessionDescription parse(String body) throws SdpFormatException {
        if (body == null || body.isBlank()) {
            throw new SdpFormatException("SDP body is empty");
        }
        Origin origin = null;
        String sessionName = "-";
        String sessionConnection = null;
        MediaDirection sessionDirection = MediaDirection.SENDRECV;
        int sessionPtime = 0;
        List<MediaBuilder> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean sawVersion = false;

        for (String rawLine : body.split("\r?\n")) {
            String line = rawLine.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpFormatException("SDP line is not <type>=<value>: '" + line + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2).strip();
            switch (type) {
                case 'v' -> {
                    if (!value.equals("0")) {
                        throw new SdpFormatException("SDP version must be 0 (RFC 4566 §5.1), was " + value);
                    }
                    sawVersion = true;
                }
                case 'o' -> origin = origin(value);
                case 's' -> sessionName = value.isEmpty() ? "-" : value;
                case 'c' -> {
                    String address = connection(value);
                    if (current == null) {
                        sessionConnection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    current = media(value);
                    media.add(current);
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    String name = colon < 0 ? value : value.substring(0, colon);
                    String attributeValue = colon < 0 ? "" : value.substring(colon + 1).strip();
                    if (current == null) {
                        var direction = MediaDirection.fromAttribute(name);
                        if (direction.isPresent()) {
                            sessionDirection = direction.get();
                        } else if (name.equals("ptime")) {
                            // Not defined at session level by RFC 4566, but some SBCs put it there.
                            sessionPtime = ptime(attributeValue);
                        }
                    } else {
                        current.attribute(name, attributeValue);
                    }
                }
                default -> {
                    // t=, b=, i=, u=, e=, p=, k=, r=, z= carry nothing a G.711 user agent acts on.
                }
            }
        }
        if (!sawVersion) {
            throw new SdpFormatException("SDP has no v= line");
        }
        if (origin == null) {
            throw new SdpFormatException("SDP has no o= line");
        }
        List<MediaDescription> built = new ArrayList<>(media.size());
        for (MediaBuilder builder : media) {
            built.add(builder.build(sessionDirection, sessionPtime));
        }
        return new SessionDescription(origin, sessionName, sessionConnection, built);
    }

    private static Origin origin(String value) throws SdpFormatException {
        // o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
        String[] f = value.split("\\s+");
        if (f.length != 6 || !f[3].equals("IN")) {
            throw new SdpFormatException("o= line needs 6 fields with nettype IN: '" + value + "'");
        }
        try {
            return new Origin(f[0], parseUnsigned(f[1]), parseUnsigned(f[2]), f[4], f[5]);
        } catch (IllegalArgumentException e) {
            throw new SdpFormatException("o= line is malformed: '" + value + "': " + e.getMessage());
        }
    }

    /** Session ids are "numeric strings" that peers fill with up to 64-bit values; wrap the rest. */
    private static long parseUnsigned(String digits) {
        if (digits.length() > 19) {
            return Long.parseUnsignedLong(digits.substring(digits.length() - 18));
        }
        return Long.parseUnsignedLong(digits);
    }

    private static String connection(String value) throws SdpFormatException {
        // c=<nettype> <addrtype> <connection-address>, the address maybe with /ttl (RFC 4566 §5.7)
        String[] f = value.split("\\s+");
        if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            throw new SdpFormatException("c= line must be 'IN IP4|IP6 <address>': '" + value + "'");
        }
        int slash = f[2].indexOf('/');
        return slash < 0 ? f[2] : f[2].substring(0, slash);
    }

    private static MediaBuilder media(String value) throws SdpFormatException {
        // m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        String[] f = value.split("\\s+");
        if (f.length < 3) {
            throw new SdpFormatException("m= line needs media, port and protocol: '" + value + "'");
        }
        MediaBuilder builder = new MediaBuilder();
        builder.media = f[0];
        String port = f[1];
        int slash = port.indexOf('/');
        try {
            builder.port = Integer.parseInt(slash < 0 ? port : port.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new SdpFormatException("m= port is not a number: '" + value + "'");
        }
        if (builder.port < 0 || builder.port > 65535) {
            throw new SdpFormatException("m= port must be 0..65535: '" + value + "'");
        }
        builder.protocol = f[2];
        boolean rtp = f[2].startsWith("RTP/") || f[2].contains("/RTP/");
        for (int i = 3; i < f.length; i++) {
            if (!rtp) {
                break; // formats of non-RTP protocols (T.38 udptl, BFCP) are not payload types
            }
            try {
                builder.formats.add(Integer.parseInt(f[i]));
            } catch (NumberFormatException e) {
                throw new SdpFormatException("m= payload type is not a number: '" + value + "'");
            }
        }
        return builder;
    }

    private static int ptime(String value) throws SdpFormatException {
        try {
            return (int) Math.round(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new SdpFormatException("a=ptime is not a number: '" + value + "'");
        }
    }

    private static final class MediaBuilder {
        String media;
        int port;
        String protocol;
        final List<Integer> formats = new ArrayList<>();
        String connection;
        final Map<Integer, RtpMap> rtpMaps = new HashMap<>();
        final Map<Integer, String> fmtp = new HashMap<>();
        int ptime;
        MediaDirection direction;

        void attribute(String name, String value) throws SdpFormatException {
            var parsedDirection = MediaDirection.fromAttribute(name);
            if (parsedDirection.isPresent()) {
                direction = parsedDirection.get();
                return;
            }
            switch (name) {
                case "rtpmap" -> {
                    RtpMap map = rtpMap(value);
                    rtpMaps.put(map.payloadType(), map);
                }
                case "fmtp" -> {
                    int space = value.indexOf(' ');
                    if (space > 0) {
                        try {
                            fmtp.put(Integer.parseInt(value.substring(0, space)), value.substring(space + 1).strip());
                        } catch (NumberFormatException e) {
                            // fmtp for a non-numeric format (not RTP): nothing for us in it
                        }
                    }
                }
                case "ptime" -> ptime = SdpParser.ptime(value);
                default -> {
                    // rtcp, ssrc, maxptime, candidate, crypto...: not used by a plain G.711 leg
                }
            }
        }

        private static RtpMap rtpMap(String value) throws SdpFormatException {
            // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
            String[] f = value.split("\\s+", 2);
            if (f.length != 2) {
                throw new SdpFormatException("a=rtpmap needs a payload type and an encoding: '" + value + "'");
            }
            String[] enc = f[1].split("/");
            try {
                int channels = enc.length > 2 ? Integer.parseInt(enc[2]) : 1;
                return new RtpMap(Integer.parseInt(f[0]), enc[0], Integer.parseInt(enc[1]), channels);
            } catch (RuntimeException e) {
                throw new SdpFormatException("a=rtpmap is malformed: '" + value + "'");
            }
        }

        MediaDescription build(MediaDirection sessionDirection, int sessionPtime) {
            return new MediaDescription(media, port, protocol, formats, connection, rtpMaps, fmtp,
                    ptime != 0 ? ptime : sessionPtime, direction != null ? direction : sessionDirection);
        }
    }
}
