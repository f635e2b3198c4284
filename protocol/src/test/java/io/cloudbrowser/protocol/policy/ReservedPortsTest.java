package io.cloudbrowser.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Browserd's own ports stay out of the browser's reach on every spelling of this machine, allowlisted or not, while
 * the same hosts on other ports keep working. Names resolve through a fake resolver; nothing is contacted.
 */
class ReservedPortsTest {
    private static final int DEVTOOLS = 9222;
    private final UrlPolicy policy = UrlPolicy.parse("127.0.0.1:*,localhost:*,[::1]:*,0.0.0.0:*,dev.test:*",
            ReservedPortsTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "localhost", "dev.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            default -> throw new UnknownHostException(host);
        };
    }

    ReservedPortsTest() {
        policy.reservedPorts().reserve("Chromium DevTools", DEVTOOLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9222/json/version", "http://localhost:9222/json/list",
            "ws://127.0.0.1:9222/devtools/browser/x", "http://2130706433:9222/", "http://0x7f.1:9222/",
            "http://[::1]:9222/", "http://0.0.0.0:9222/", "http://dev.test:9222/json", "https://127.0.0.1:9222/"})
    void aReservedPortIsRefusedOnEverySpellingOfThisMachineThoughAllowlisted(String url) {
        UrlPolicy.Decision d = policy.check(url);
        assertFalse(d.allowed(), url + " was allowed");
        assertTrue(d.reason().contains("internal Chromium DevTools port"), d.reason());
        assertFalse(policy.destination(url).decision().allowed(), url + " got a destination");
    }

    @Test
    void theSameHostsOnOtherPortsStayAllowed() {
        assertTrue(policy.check("http://127.0.0.1:9223/").allowed());
        assertTrue(policy.destination("http://localhost:8080/").decision().allowed());
    }

    @Test
    void aServiceThatMovesFreesItsOldPort() {
        policy.reservedPorts().reserve("Chromium DevTools", 9333);
        assertTrue(policy.check("http://127.0.0.1:9222/").allowed());
        assertFalse(policy.check("http://127.0.0.1:9333/").allowed());
    }

    @Test
    void aPortOutOfRangeCannotBeReserved() {
        assertThrows(IllegalArgumentException.class, () -> policy.reservedPorts().reserve("x", 0));
        assertThrows(IllegalArgumentException.class, () -> policy.reservedPorts().reserve("x", 65536));
    }
}
