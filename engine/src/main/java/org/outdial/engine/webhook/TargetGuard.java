package org.outdial.engine.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The SSRF guard: a handler URL is anyone's to write, so by default its host may not resolve to
 * an address inside the node's own networks. It is resolved at send time, every address the name
 * has is checked, and the request is refused if any is loopback (127/8, ::1), unspecified
 * (0.0.0.0, ::), link-local (169.254/16 with cloud metadata at 169.254.169.254, fe80::/10),
 * private (RFC 1918 10/8, 172.16/12, 192.168/16; RFC 6598 100.64/10; IPv6 unique local fc00::/7),
 * or multicast. {@code webhooks.allow-private-targets: true} lets on-premise CRMs through.
 *
 * <p>What it does not close: a name whose DNS answer changes between this check and the HTTP
 * client's own look-up a moment later (DNS rebinding) can still reach a private address;
 * {@code java.net.http.HttpClient} has no per-client resolver to pin the checked address.
 */
public final class TargetGuard {

    private final boolean allowPrivate;

    public TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the URL may not be called now, or empty when it may. */
    public Optional<String> refusal(URI uri) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = kind(address);
            if (kind.isPresent()) {
                return Optional.of("refused: " + host + " resolves to " + address.getHostAddress() + ", a "
                        + kind.get() + " address (webhooks.allow-private-targets is false)");
            }
        }
        return Optional.empty();
    }

    /** The kind of internal address, or empty for a public one. */
    static Optional<String> kind(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (a.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return Optional.of("private"); // RFC 6598 shared address space, carrier-grade NAT
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("private"); // RFC 4193 unique local
        }
        if (a instanceof Inet6Address six && six.isIPv4CompatibleAddress()) {
            try {
                return kind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return Optional.of("unparsable");
            }
        }
        return Optional.empty();
    }
}
