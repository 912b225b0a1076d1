package com.acme.goals.tokens;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses that count as inside the cluster network ({@code goals.security.cluster-networks}, CIDR blocks separated
 * by commas): Prometheus scrapes {@code /actuator/prometheus} from there without a token; anyone else needs an admin's
 * token. Only the connection's own address is judged, never a forwarded header a caller could write.
 */
public final class ClusterNetwork {

    /** Loopback only: a deployment names its pod or compose network (deploy/k8s, deploy/compose). */
    public static final String DEFAULT = "127.0.0.0/8,::1/128";

    private record Block(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;

    private ClusterNetwork(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException naming the entry that is not an address/prefix */
    public static ClusterNetwork of(String cidrs) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : (cidrs == null ? "" : cidrs).split(",")) {
            String cidr = entry.trim();
            if (cidr.isEmpty()) {
                continue;
            }
            String[] parts = cidr.split("/", 2);
            try {
                byte[] network = literal(parts[0]);
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                blocks.add(new Block(network, prefix));
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException("goals.security.cluster-networks: '" + cidr
                        + "' is not an address/prefix such as 10.0.0.0/8", e);
            }
        }
        return new ClusterNetwork(List.copyOf(blocks));
    }

    /** Whether the connection's address is inside; false for anything that is not an IP literal. */
    public boolean contains(String address) {
        if (address == null) {
            return false;
        }
        try {
            byte[] bytes = literal(address.startsWith("[") ? address.substring(1, address.length() - 1) : address);
            return blocks.stream().anyMatch(b -> b.contains(bytes));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    /** An IP literal only: a host name would be looked up, and a name is not where a connection came from. */
    private static byte[] literal(String text) throws UnknownHostException {
        if (!text.matches("[0-9a-fA-F:.%]+") || !(text.contains(".") || text.contains(":"))) {
            throw new IllegalArgumentException("not an IP literal: " + text);
        }
        return InetAddress.getByName(text).getAddress();
    }
}
