package org.outdial.engine.dialer;

/**
 * Where a campaign's calls go, decided once per look at the campaign (one scenario lookup) and
 * handed to each call flow started then: the trunk, and the caller ID to present. The trunk's
 * {@code prefix} goes with the trunk: sip-stack puts it before the number.
 *
 * @param trunk    the configured trunk's name
 * @param callerId the outgoing scenario's caller ID, or null for the trunk's own
 */
public record Route(String trunk, String callerId) {

    public Route {
        if (trunk == null || trunk.isBlank()) {
            throw new IllegalArgumentException("route.trunk must not be empty");
        }
    }
}
