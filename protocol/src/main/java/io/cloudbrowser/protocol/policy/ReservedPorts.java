package io.cloudbrowser.protocol.policy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ports of browserd's own services on this machine (its HTTP and WebSocket port, the egress proxy, Chromium's
 * DevTools port): the browser must never reach them, whatever the allowlist says, or a page could read the DevTools
 * endpoint or talk to browserd behind its own back. Each service holds one slot by name; a restarted Chromium
 * replaces its old port. Thread-safe: the URL policy reads it on every check while browserd updates it.
 */
public final class ReservedPorts {
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    /** Reserves {@code port} for {@code service}, replacing what that service held before. */
    public void reserve(String service, int port) {
        Objects.requireNonNull(service, "service");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        ports.put(service, port);
    }

    /** The service holding {@code port}, if one does. */
    Optional<String> serviceOn(int port) {
        return ports.entrySet().stream().filter(e -> e.getValue() == port).map(Map.Entry::getKey).findFirst();
    }

    /** Whether a connection to {@code address} lands on this machine: loopback, unspecified, or one of its interfaces. */
    static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // cannot tell: treat it as ours, so nothing internal is reached by mistake
        }
    }
}
