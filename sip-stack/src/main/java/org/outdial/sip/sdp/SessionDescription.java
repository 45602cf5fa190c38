package org.outdial.sip.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A parsed or to-be-written SDP body (RFC 4566), reduced to what an audio user agent needs.
 *
 * @param origin      the {@code o=} line
 * @param sessionName the {@code s=} line ({@code -} when there is nothing to say, RFC 3264 §5)
 * @param connection  the session-level {@code c=} address, or null when every m= line has its own
 * @param media       the m= sections in order; their index is what matches offer to answer
 */
public record SessionDescription(Origin origin, String sessionName, String connection,
                                 List<MediaDescription> media) {

    public SessionDescription {
        media = List.copyOf(media);
    }

    /** The address a stream sends to: its own c= line, else the session's (RFC 4566 §5.7). */
    public Optional<String> connectionOf(MediaDescription stream) {
        return Optional.ofNullable(stream.connection() != null ? stream.connection() : connection);
    }

    /** A copy with another origin, used when re-sending the same session with a new version. */
    public SessionDescription withOrigin(Origin newOrigin) {
        return new SessionDescription(newOrigin, sessionName, connection, media);
    }
}
