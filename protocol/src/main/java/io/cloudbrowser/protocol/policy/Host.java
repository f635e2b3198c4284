package io.cloudbrowser.protocol.policy;

import java.net.InetAddress;

/** A URL's host after browser-style parsing: either an address literal or a DNS name. */
sealed interface Host {
    /** An IP literal in any spelling, decoded; IPv4-mapped IPv6 literals come out as IPv4. */
    record Ip(InetAddress address) implements Host {
        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** A lower-case ASCII (punycode) name, as the browser would look it up. */
    record Domain(String name) implements Host {
        /** The same name without the one trailing dot DNS allows ("example.com." is "example.com"). */
        String withoutTrailingDot() {
            return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
