package io.cloudbrowser.protocol.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Says whether an address is on the public internet, and if not, what it is. Fails closed: IPv6
 * outside 2000::/3 (the only global unicast block ever allocated) is refused even when no range
 * below names it, and tunnelled IPv4 (6to4, NAT64, mapped) is judged by the IPv4 inside.
 */
final class AddressClassifier {
    private record Range(byte[] prefix, int bits, String kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Range> V4 = List.of(
            range("255.255.255.255/32", "broadcast"),
            range("0.0.0.0/8", "unspecified (0.0.0.0/8)"),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "shared (carrier-grade NAT)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local (cloud metadata)"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "reserved (IETF protocol assignments)"),
            range("192.0.2.0/24", "reserved (documentation)"),
            range("192.88.99.0/24", "reserved (6to4 relay)"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "reserved (benchmarking)"),
            range("198.51.100.0/24", "reserved (documentation)"),
            range("203.0.113.0/24", "reserved (documentation)"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved"));

    private static final List<Range> V6 = List.of(
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("::/96", "IPv4-compatible IPv6 (deprecated)"),
            range("64:ff9b:1::/48", "local-use NAT64"),
            range("100::/64", "discard-only"),
            range("2001::/32", "Teredo tunnel"),
            range("2001:db8::/32", "reserved (documentation)"),
            range("fc00::/7", "private (unique local)"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local (deprecated)"),
            range("ff00::/8", "multicast"));

    private static final Range GLOBAL_UNICAST = range("2000::/3", "global unicast");
    private static final Range MAPPED = range("::ffff:0:0/96", "IPv4-mapped");
    private static final Range NAT64 = range("64:ff9b::/96", "NAT64");
    private static final Range SIX_TO_FOUR = range("2002::/16", "6to4");

    private AddressClassifier() {
    }

    /** What kind of non-public address this is, or empty when it is public. */
    static Optional<String> nonPublicKind(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? classifyV4(bytes) : classifyV6(bytes);
    }

    private static Optional<String> classifyV4(byte[] bytes) {
        return V4.stream().filter(r -> r.contains(bytes)).map(Range::kind).findFirst();
    }

    private static Optional<String> classifyV6(byte[] bytes) {
        if (MAPPED.contains(bytes) || NAT64.contains(bytes)) {
            return classifyV4(Arrays.copyOfRange(bytes, 12, 16)).map(kind -> kind + " (IPv4 inside IPv6)");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return classifyV4(Arrays.copyOfRange(bytes, 2, 6)).map(kind -> kind + " (IPv4 inside 6to4)");
        }
        Optional<String> named = V6.stream().filter(r -> r.contains(bytes)).map(Range::kind).findFirst();
        if (named.isEmpty() && !GLOBAL_UNICAST.contains(bytes)) {
            return Optional.of("not global unicast");
        }
        return named;
    }

    /** Builds a range from CIDR text; literals only, so no DNS is involved. */
    private static Range range(String cidr, String kind) {
        int slash = cidr.indexOf('/');
        try {
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (prefix.length == 4 && cidr.contains(":")) {
                prefix = mappedBytes(prefix); // java.net folds ::ffff:a.b.c.d into IPv4
            }
            return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)), kind);
        } catch (UnknownHostException e) {
            throw new AssertionError("bad range literal " + cidr, e);
        }
    }

    private static byte[] mappedBytes(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}
