package org.outdial.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/** The direction attribute of a media stream (RFC 4566 §6, RFC 3264 §5.1). */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name as written in SDP, for example {@code sendrecv}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The direction an answerer puts against this offered direction (RFC 3264 §6.1): a stream
     * offered sendonly is answered recvonly and the other way round; inactive stays inactive.
     */
    public MediaDirection answer() {
        return switch (this) {
            case SENDRECV -> SENDRECV;
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case INACTIVE -> INACTIVE;
        };
    }

    /** Whether the answerer's side of this stream may send media toward the offerer. */
    public boolean peerSends() {
        return this == SENDRECV || this == SENDONLY;
    }

    static Optional<MediaDirection> fromAttribute(String name) {
        for (MediaDirection direction : values()) {
            if (direction.attribute().equals(name)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
