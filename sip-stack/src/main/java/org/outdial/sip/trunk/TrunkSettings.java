package org.outdial.sip.trunk;

/**
 * One configured SIP trunk (configuration list {@code trunks}). Outbound calls go only to trunks.
 *
 * @param name      unique name, used by {@code outdial call --trunk} and outgoing scenarios
 * @param host      the trunk's host name or address
 * @param port      the trunk's SIP port
 * @param transport {@code udp} or {@code tcp}
 * @param username  digest user for 401/407 challenges, or null when the trunk does not challenge
 * @param password  digest password, or null
 * @param callerId  the caller ID (user part of From) presented on calls, or null for anonymous
 * @param prefix    digits put before every dialed number (a carrier's route prefix), may be empty
 * @param maxCalls  most calls in flight at once on this trunk (enforced by the engine's dispatcher)
 * @param maxCps    most new calls per second on this trunk (likewise)
 */
public record TrunkSettings(String name, String host, int port, String transport, String username,
                            String password, String callerId, String prefix, int maxCalls, int maxCps) {

    public TrunkSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("trunks[].name must not be empty");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("trunks[" + name + "].host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("trunks[" + name + "].port must be 1..65535, was " + port);
        }
        transport = transport == null ? "udp" : transport.toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new IllegalArgumentException(
                    "trunks[" + name + "].transport must be udp or tcp, was " + transport);
        }
        if (maxCalls < 1 || maxCalls > 100_000) {
            throw new IllegalArgumentException(
                    "trunks[" + name + "].max-calls must be 1..100000, was " + maxCalls);
        }
        if (maxCps < 1 || maxCps > 10_000) {
            throw new IllegalArgumentException(
                    "trunks[" + name + "].max-cps must be 1..10000, was " + maxCps);
        }
        prefix = prefix == null ? "" : prefix;
    }
}
