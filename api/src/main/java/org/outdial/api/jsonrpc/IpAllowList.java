package org.outdial.api.jsonrpc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000's "Authorizing IP address": the addresses and CIDR blocks ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}) allowed to call the Call API. Empty lets nobody in, as the seed's
 * default is ("By default access to API is denied for everyone"). The address checked is the TCP
 * peer's: no forwarding header is trusted, since a client could write any.
 */
final class IpAllowList {

    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private IpAllowList(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * The list in {@code json-rpc.ip-whitelist}: comma-separated literal addresses or CIDR blocks.
     *
     * @throws IllegalArgumentException naming the key and the entry when one is not an address
     */
    static IpAllowList parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address = literal(host, entry);
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("json-rpc.ip-whitelist: wrong prefix length in '" + entry + "'");
                }
            }
            blocks.add(new Block(address, bits));
        }
        return new IpAllowList(blocks);
    }

    boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    /** An IP literal only: a host name would make each check a DNS lookup, and DNS can lie. */
    private static byte[] literal(String host, String entry) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("json-rpc.ip-whitelist: '" + entry + "' is not an IP address or block");
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("json-rpc.ip-whitelist: '" + entry + "' is not an IP address or block");
        }
    }
}
