package org.outdial.sip.sdp;

/** An SDP body that does not follow RFC 4566 closely enough to be used, with the offending line. */
public final class SdpFormatException extends Exception {

    public SdpFormatException(String message) {
        super(message);
    }
}
