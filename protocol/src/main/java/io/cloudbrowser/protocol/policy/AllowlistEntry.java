package io.cloudbrowser.protocol.policy;

import java.util.Objects;

/**
 * One {@code host[:port]} entry of BROWSERD_URL_POLICY. The host is parsed like a URL's host, so
 * {@code 127.0.0.1} also matches {@code http://2130706433/}; a missing port or {@code *} matches
 * every port.
 */
record AllowlistEntry(Host host, int port) {
    static final int ANY_PORT = -1;

    AllowlistEntry {
        Objects.requireNonNull(host, "host");
    }

    static AllowlistEntry parse(String entry) {
        String text = entry.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("url policy: empty entry (look for a doubled or trailing comma)");
        }
        if (text.contains("/")) {
            throw bad(text, "expected host[:port], without a scheme or path");
        }
        int portSeparator = portSeparator(text);
        String hostText = portSeparator < 0 ? text : text.substring(0, portSeparator);
        String portText = portSeparator < 0 ? "*" : text.substring(portSeparator + 1);
        if (hostText.contains("*")) {
            throw bad(text, "wildcard hosts are not supported; list each host");
        }
        try {
            return new AllowlistEntry(HostParser.parse(hostText), parsePort(text, portText));
        } catch (InvalidUrlException e) {
            throw bad(text, e.getMessage());
        }
    }

    boolean matches(Host urlHost, int urlPort) {
        return (port == ANY_PORT || port == urlPort) && sameHost(urlHost);
    }

    private boolean sameHost(Host urlHost) {
        if (host instanceof Host.Domain mine && urlHost instanceof Host.Domain theirs) {
            return mine.withoutTrailingDot().equals(theirs.withoutTrailingDot());
        }
        return host.equals(urlHost);
    }

    /** Index of the ':' before the port, or -1; IPv6 must be bracketed so its colons are not ports. */
    private static int portSeparator(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw bad(text, "expected [ipv6] or [ipv6]:port");
            }
            return close + 1 < text.length() ? close + 1 : -1;
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
            throw bad(text, "IPv6 addresses must be in brackets, e.g. [::1]:8080");
        }
        return colon;
    }

    private static int parsePort(String entry, String port) {
        if (port.equals("*")) {
            return ANY_PORT;
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(entry, "port must be a number 1-65535 or *");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw bad(entry, "port must be a number 1-65535 or *");
        }
        return value;
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("url policy entry '" + entry + "': " + why);
    }
}
