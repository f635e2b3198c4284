package io.cloudbrowser.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UrlPolicy#destination}: the address the egress proxy connects to is the one the policy vetted, from one
 * lookup. Addresses here are data for a fake resolver; nothing is contacted.
 */
class UrlPolicyDestinationTest {
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final Map<String, String[]> dns = Map.of(
            "public.test", new String[] {"93.184.216.34", "2606:2800:220:1::1"},
            "rebind.test", new String[] {"93.184.216.34", "10.0.0.1"},
            "named.test", new String[] {"127.0.0.1"});
    private final UrlPolicy policy = UrlPolicy.parse("named.test:81", this::resolve);

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        String[] literals = dns.get(host);
        if (literals == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            out[i] = InetAddress.getByName(literals[i]); // literals only: no DNS
        }
        return out;
    }

    @Test
    void aPublicAddressLiteralIsItsOwnDestinationWithTheSchemesDefaultPort() throws Exception {
        UrlPolicy.Destination d = policy.destination("wss://93.184.216.34/socket");
        assertTrue(d.decision().allowed(), d.decision().reason());
        assertEquals(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 443), d.address());
    }

    @Test
    void aPublicNameIsResolvedOnceAndItsFirstVettedAddressIsTheDestination() throws Exception {
        UrlPolicy.Destination d = policy.destination("http://public.test:8080/x");
        assertEquals(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 8080), d.address());
        assertEquals(List.of("public.test"), lookups);
    }

    @Test
    void aNameWithAnyNonPublicAddressIsRefusedWithoutAnAddress() {
        UrlPolicy.Destination d = policy.destination("https://rebind.test/");
        assertFalse(d.decision().allowed());
        assertTrue(d.decision().reason().contains("10.0.0.1"), d.decision().reason());
        assertNull(d.address());
    }

    @Test
    void anAllowlistedNameIsResolvedForItsDestination() throws Exception {
        UrlPolicy.Destination d = policy.destination("http://named.test:81/");
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 81), d.address());
    }

    @Test
    void checkStillDoesNotResolveAllowlistedNames() {
        assertTrue(policy.check("http://named.test:81/").allowed());
        assertEquals(List.of(), lookups);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"http://127.0.0.1:9/", "https://[::1]/", "http://0x7f000001/", "http://localhost/",
            "http://unknown.test/", "http://named.test:82/", "data:text/plain,x", "about:blank", "javascript:1",
            "file:///etc/passwd", "//public.test/", ""})
    void everythingElseIsRefusedWithoutAnAddress(String url) {
        UrlPolicy.Destination d = policy.destination(url);
        assertFalse(d.decision().allowed(), url + ": " + d.decision().reason());
        assertNull(d.address());
    }
}
