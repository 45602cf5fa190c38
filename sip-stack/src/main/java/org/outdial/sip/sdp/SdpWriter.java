package org.outdial.sip.sdp;


/**
 * Writes a {@link SessionDescription} in RFC 4566 §5's line order, CRLF-terminated. Only fields
 * of the model are written, so an offer and a re-sent answer come out identical byte for byte.
 */
public final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription sdp) {
        StringBuilder out = new StringBuilder(256);
        Origin o = sdp.origin();
        line(out, 'v', "0");
        line(out, 'o', o.username() + " " + Long.toUnsignedString(o.sessionId()) + " "
                + Long.toUnsignedString(o.version()) + " IN " + o.addressType() + " " + o.address());
        line(out, 's', sdp.sessionName());
        if (sdp.connection() != null) {
            line(out, 'c', connection(sdp.connection()));
        }
        line(out, 't', "0 0"); // RFC 3264 §5: unbounded session
        for (MediaDescription m : sdp.media()) {
            StringBuilder formats = new StringBuilder();
            for (int pt : m.formats()) {
                formats.append(' ').append(pt);
            }
            line(out, 'm', m.media() + " " + m.port() + " " + m.protocol() + formats);
            if (m.connection() != null) {
                line(out, 'c', connection(m.connection()));
            }
            for (int pt : m.formats()) {
                RtpMap map = m.rtpMaps().get(pt);
                if (map != null) {
                    line(out, 'a', "rtpmap:" + map.value());
                }
                String params = m.fmtp().get(pt);
                if (params != null) {
                    line(out, 'a', "fmtp:" + pt + " " + params);
                }
            }
            if (m.ptime() > 0) {
                line(out, 'a', "ptime:" + m.ptime());
            }
            line(out, 'a', m.direction().attribute());
        }
        return out.toString();
    }

    private static String connection(String address) {
        return "IN " + (address.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + address;
    }

    private static void line(StringBuilder out, char type, String value) {
        out.append(type).append('=').append(value).append(CRLF);
    }

}
