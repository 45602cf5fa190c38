package org.outdial.media.rtp;

/**
 * Where RTP sockets bind: one UDP port per call leg, taken from {@code [portFrom, portTo]}
 * (configuration key {@code sip.media-ports}, for example {@code 20000-29999}).
 *
 * @param bindAddress the local address RTP sockets bind to and advertise in SDP
 * @param portFrom    first port of the range (inclusive)
 * @param portTo      last port of the range (inclusive)
 */
public record MediaSettings(String bindAddress, int portFrom, int portTo) {

    public MediaSettings {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("sip.bind-address must not be empty");
        }
        if (portFrom < 1024 || portTo > 65535 || portFrom > portTo) {
            throw new IllegalArgumentException(
                    "sip.media-ports must be a range within 1024-65535, was " + portFrom + "-" + portTo);
        }
        if (portTo - portFrom < 1) {
            throw new IllegalArgumentException(
                    "sip.media-ports must hold at least two ports, was " + portFrom + "-" + portTo);
        }
    }
}
