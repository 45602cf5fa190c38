package org.outdial.media.rtp;

/** The media layer cannot do what was asked: no free RTP port, a socket that will not bind. */
public final class MediaException extends RuntimeException {

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
