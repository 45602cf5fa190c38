package org.outdial.sip.sdp;

/**
 * The {@code o=} line (RFC 4566 §5.2). The version goes up by one each time a session description
 * with different content is sent in the same session (RFC 3264 §8).
 */
public record Origin(String username, long sessionId, long version, String addressType, String address) {

    public Origin {
        if (username == null || username.isBlank() || username.contains(" ")) {
            throw new IllegalArgumentException("o= username must be one token, was '" + username + "'");
        }
        if (!"IP4".equals(addressType) && !"IP6".equals(addressType)) {
            throw new IllegalArgumentException("o= address type must be IP4 or IP6, was " + addressType);
        }
    }

    public Origin nextVersion() {
        return new Origin(username, sessionId, version + 1, addressType, address);
    }
}
