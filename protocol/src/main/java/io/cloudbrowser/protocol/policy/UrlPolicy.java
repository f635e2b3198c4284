package io.cloudbrowser.protocol.policy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which URLs the browser may load (PROTOCOL.md section 7). Allowed: http, https, ws and
 * wss to public addresses, {@code about:blank}, and {@code data:}. Everything else is refused:
 * other schemes (file, javascript, chrome, view-source, blob, ftp...), and any host that is, or
 * resolves to, a loopback, private, link-local, shared, reserved, multicast or unspecified address.
 *
 * <p>ws and wss are allowed because pages open WebSockets like any other subresource; they get
 * exactly the http checks, so a page cannot use a WebSocket to reach an internal service.
 *
 * <p>URLs are read the way Chromium reads them (WHATWG URL Standard), not the way java.net.URI
 * does, so no spelling of an address can slip past: decimal, hex, octal and short IPv4 forms,
 * percent-encoded and full-width hosts, userinfo and backslash tricks. A DNS name must resolve,
 * and every address it resolves to must be public.
 *
 * <p>Hosts on the allowlist (BROWSERD_URL_POLICY) skip the address check, so tests and local
 * development can reach 127.0.0.1, but never browserd's own ports on this machine ({@link ReservedPorts}: DevTools,
 * the egress proxy, browserd itself), whatever the allowlist says. {@link #check} alone cannot stop DNS rebinding between our
 * lookup and the browser's; {@link #destination} returns the address it vetted, so the egress
 * proxy connects to exactly that address and nobody resolves the name again.
 */
public final class UrlPolicy {
    /** Whether a URL may be loaded, and why; the reason names the host but never the full URL. */
    public record Decision(boolean allowed, String reason) {
        public Decision {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Where a network URL may go: the decision and, when allowed, the one address that was vetted
     * (null when refused). Connect to this address; never resolve the host again.
     */
    public record Destination(Decision decision, InetSocketAddress address) {
        public Destination {
            Objects.requireNonNull(decision, "decision");
            if (decision.allowed() != (address != null)) {
                throw new IllegalArgumentException("an allowed destination has an address, a refused one none");
            }
        }
    }

    /** Name resolution, injectable so tests never depend on DNS. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Map<String, Integer> NETWORK_SCHEMES = Map.of("http", 80, "https", 443, "ws", 80, "wss", 443);

    private final List<AllowlistEntry> allowlist;
    private final Resolver resolver;
    private final ReservedPorts reserved = new ReservedPorts();

    private UrlPolicy(List<AllowlistEntry> allowlist, Resolver resolver) {
        this.allowlist = List.copyOf(allowlist);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The policy for a BROWSERD_URL_POLICY value; null or blank is the strict default (no allowlist). */
    public static UrlPolicy parse(String spec) {
        return parse(spec, Resolver.SYSTEM);
    }

    /**
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static UrlPolicy parse(String spec, Resolver resolver) {
        List<AllowlistEntry> entries = new ArrayList<>();
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",", -1)) {
                entries.add(AllowlistEntry.parse(entry));
            }
        }
        return new UrlPolicy(entries, resolver);
    }

    /** Browserd's own ports, refused on every address of this machine whatever the allowlist says. */
    public ReservedPorts reservedPorts() {
        return reserved;
    }

    /** May block on DNS: call it off event-loop and browser threads. */
    public Decision check(String url) {
        if (url == null) {
            return deny("no URL");
        }
        String cleaned = UrlSyntax.clean(url);
        int colon = UrlSyntax.schemeEnd(cleaned);
        if (colon < 0) {
            return deny("not an absolute URL");
        }
        String scheme = cleaned.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = cleaned.substring(colon + 1);
        Integer defaultPort = NETWORK_SCHEMES.get(scheme);
        if (defaultPort != null) {
            return checkNetwork(rest, defaultPort);
        }
        return switch (scheme) {
            case "data" -> allow("data URL");
            case "about" -> isBlank(rest) ? allow("about:blank") : deny("only about:blank is allowed");
            default -> deny("scheme '" + (scheme.length() > 20 ? scheme.substring(0, 20) + "..." : scheme)
                    + "' is not allowed");
        };
    }

    /**
     * The vetted destination of an http, https, ws or wss URL, resolved once; every other URL is refused,
     * because it names no network destination. May block on DNS, like {@link #check}.
     */
    public Destination destination(String url) {
        String cleaned = url == null ? "" : UrlSyntax.clean(url);
        int colon = UrlSyntax.schemeEnd(cleaned);
        Integer defaultPort = colon < 0 ? null : NETWORK_SCHEMES.get(cleaned.substring(0, colon).toLowerCase(Locale.ROOT));
        if (defaultPort == null) {
            return refused(deny("not a network URL"));
        }
        return vet(cleaned.substring(colon + 1), defaultPort, true);
    }

    private Decision checkNetwork(String afterScheme, int defaultPort) {
        return vet(afterScheme, defaultPort, false).decision();
    }

    /** @param needAddress false skips resolving allowlisted names, which {@link #check} never needed */
    private Destination vet(String afterScheme, int defaultPort, boolean needAddress) {
        NetworkUrl target;
        try {
            target = NetworkUrl.parse(afterScheme, defaultPort);
        } catch (InvalidUrlException e) {
            return refused(deny("invalid URL: " + e.getMessage()));
        }
        Destination d = vetTarget(target, needAddress);
        return d.decision().allowed() ? keepOffReservedPorts(target, d) : d;
    }

    private Destination vetTarget(NetworkUrl target, boolean needAddress) {
        int port = target.port();
        for (AllowlistEntry entry : allowlist) {
            if (entry.matches(target.host(), port)) {
                return allowlisted(target, needAddress);
            }
        }
        if (target.host() instanceof Host.Ip ip) {
            return AddressClassifier.nonPublicKind(ip.address())
                    .map(kind -> refused(deny(ip + " is not a public address: " + kind)))
                    .orElseGet(() -> allowed("public address " + ip, ip.address(), port));
        }
        return checkName((Host.Domain) target.host(), port);
    }

    /**
     * An allowed destination on one of browserd's own ports is refused when it lands on this machine: the allowlist
     * opens loopback for development and tests, never DevTools, the egress proxy or browserd itself.
     */
    private Destination keepOffReservedPorts(NetworkUrl target, Destination allowed) {
        Optional<String> service = reserved.serviceOn(target.port());
        if (service.isEmpty()) {
            return allowed;
        }
        InetAddress[] addresses;
        if (!allowed.address().isUnresolved()) {
            addresses = new InetAddress[] {allowed.address().getAddress()};
        } else {
            try {
                addresses = resolver.resolve(((Host.Domain) target.host()).name());
            } catch (UnknownHostException e) {
                return refused(deny("cannot resolve host " + target.host()));
            }
        }
        for (InetAddress address : addresses == null ? new InetAddress[0] : addresses) {
            if (ReservedPorts.isThisMachine(address)) {
                return refused(deny("port " + target.port() + " is browserd's internal " + service.get()
                        + " port, never reachable from the browser"));
            }
        }
        return allowed;
    }

    private Destination allowlisted(NetworkUrl target, boolean needAddress) {
        String reason = "allowlisted " + target.host() + ":" + target.port();
        if (target.host() instanceof Host.Ip ip) {
            return allowed(reason, ip.address(), target.port());
        }
        if (!needAddress) {
            // check() only needs the decision; an unresolved address cannot be connected to by mistake.
            return new Destination(allow(reason), InetSocketAddress.createUnresolved(target.host().toString(), target.port()));
        }
        try {
            InetAddress[] addresses = resolver.resolve(((Host.Domain) target.host()).name());
            if (addresses != null && addresses.length > 0) {
                return allowed(reason, addresses[0], target.port());
            }
        } catch (UnknownHostException e) {
            // refused below
        }
        return refused(deny("cannot resolve host " + target.host()));
    }

    private Destination checkName(Host.Domain domain, int port) {
        String name = domain.withoutTrailingDot();
        // Chromium answers these itself with loopback, without asking DNS.
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return refused(deny(domain + " is a loopback name"));
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(domain.name());
        } catch (UnknownHostException e) {
            return refused(deny("cannot resolve host " + domain));
        }
        if (addresses == null || addresses.length == 0) {
            return refused(deny("cannot resolve host " + domain));
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = AddressClassifier.nonPublicKind(address);
            if (kind.isPresent()) {
                return refused(deny(domain + " resolves to " + address.getHostAddress()
                        + ", not a public address: " + kind.get()));
            }
        }
        return allowed("public host " + domain, addresses[0], port);
    }

    /** {@code about:blank}, optionally with a query or fragment; "blank" is case-sensitive as in the URL Standard. */
    private static boolean isBlank(String afterScheme) {
        return afterScheme.equals("blank") || afterScheme.startsWith("blank?") || afterScheme.startsWith("blank#");
    }

    private static Destination allowed(String reason, InetAddress address, int port) {
        return new Destination(allow(reason), new InetSocketAddress(address, port));
    }

    private static Destination refused(Decision denial) {
        return new Destination(denial, null);
    }

    private static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    private static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
