package io.cloudbrowser.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names resolve through a map here: these tests never use DNS nor contact any address. */
class UrlPolicyTest {
    private final List<String> lookups = new ArrayList<>();
    private final Map<String, List<InetAddress>> dns = Map.of(
            "example.com", List.of(literal("93.184.216.34")),
            "example.com.", List.of(literal("93.184.216.34")),
            "dual.example", List.of(literal("8.8.8.8"), literal("2606:4700:4700::1111")),
            "xn--bcher-kva.example", List.of(literal("1.1.1.1")),
            "rebind.example", List.of(literal("127.0.0.1")),
            "metadata.example", List.of(literal("169.254.169.254")),
            "mixed.example", List.of(literal("8.8.8.8"), literal("10.0.0.7")),
            "ula.example", List.of(literal("fd00::1")),
            "mapped.example", List.of(mappedLoopback()),
            "empty.example", List.of());
    private final UrlPolicy.Resolver resolver = name -> {
        lookups.add(name);
        List<InetAddress> found = dns.get(name);
        if (found == null) {
            throw new UnknownHostException(name);
        }
        return found.toArray(InetAddress[]::new);
    };
    private final UrlPolicy strict = UrlPolicy.parse("", resolver);

    @ParameterizedTest
    @ValueSource(strings = {
        "http://example.com/", "https://example.com:8443/a/b?q=1#f", "ws://example.com/socket", "wss://example.com",
        "HTTP://EXAMPLE.COM/", "http://example.com./", "http://user:pass@example.com/", "  http://example.com/ \n",
        "http://ex%61mple.com/", "http:/example.com", "https:\\\\example.com\\x", "http://dual.example/",
        "http://bücher.example/", "http://8.8.8.8/", "http://134744072/", "http://0x08.0x08.0x08.0x08/",
        "http://[2606:4700:4700::1111]/", "http://[::ffff:8.8.8.8]/", "http://[64:ff9b::808:808]/",
        "about:blank", "about:blank#top", "about:blank?x", "data:text/html,<h1>hi</h1>", "DATA:text/plain,x"})
    void allowsPublicDestinationsAndInertSchemes(String url) {
        UrlPolicy.Decision decision = strict.check(url);
        assertTrue(decision.allowed(), decision.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "file:///etc/passwd", "FILE:///etc/passwd", "javascript:alert(1)", "java\tscript:alert(1)",
        "\u0000 javascript:alert(1)", "JavaScript:alert(1)", "chrome://settings", "chrome-extension://abc/x.html",
        "view-source:http://example.com/", "blob:http://example.com/0b7e", "filesystem:http://example.com/x",
        "ftp://example.com/", "gopher://example.com/", "mailto:a@example.com", "about:config", "about:Blank",
        "about:srcdoc", "intent://x#Intent;end"})
    void refusesOtherSchemes(String url) {
        UrlPolicy.Decision decision = strict.check(url);
        assertFalse(decision.allowed());
        assertTrue(decision.reason().contains("scheme") || decision.reason().contains("about:blank"),
                decision.reason());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "example.com", "//example.com/", "/path", "ht tp://example.com/", "1http://x/"})
    void refusesRelativeOrSchemelessUrls(String url) {
        assertFalse(strict.check(url).allowed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // loopback, in every spelling a browser accepts
        "http://127.0.0.1/                      | loopback",
        "https://127.0.0.1:3000/x               | loopback",
        "http://127.1/                          | loopback",
        "http://127.0.1/                        | loopback",
        "http://2130706433/                     | loopback",
        "http://0x7f000001/                     | loopback",
        "http://0x7f.1/                         | loopback",
        "http://0X7F.0.0.1/                     | loopback",
        "http://0177.0.0.1/                     | loopback",
        "http://0177.1/                         | loopback",
        "http://017700000001/                   | loopback",
        "http://127.000.000.001/                | loopback",
        "http://127.0.0.1./                     | loopback",
        "http://127.255.255.254/                | loopback",
        "http://%31%32%37.0.0.1/                | loopback",
        "http://%EF%BC%91%EF%BC%92%EF%BC%97.0.0.1/ | loopback",
        "http://１２７．０．０．１/               | loopback",
        "http://127。0。0。1/                    | loopback",
        "http://[::1]/                          | loopback",
        "http://[0:0:0:0:0:0:0:1]:8080/         | loopback",
        "http://[::ffff:127.0.0.1]/             | loopback",
        "http://[::FFFF:7f00:1]/                | loopback",
        "http://[64:ff9b::7f00:1]/              | loopback",
        "http://[2002:7f00:1::]/                | loopback",
        "http://[::127.0.0.1]/                  | IPv4-compatible",
        "http://evil.com@127.0.0.1/             | loopback",
        "http://a@b@127.0.0.1/                  | loopback",
        "http://127.0.0.1:80@evil.com@127.0.0.1/ | loopback",
        "http://user:pw@127.0.0.1:80/           | loopback",
        "http://127.0.0.1#@evil.com/            | loopback",
        "http://127.0.0.1?@evil.com/            | loopback",
        "http://127.0.0.1\\@evil.com/           | loopback",
        "http:127.0.0.1/                        | loopback",
        "http:\\\\127.0.0.1\\                   | loopback",
        "ws://127.0.0.1:9222/devtools/browser   | loopback",
        "http://localhost/                      | loopback name",
        "http://LOCALHOST./                     | loopback name",
        "http://api.localhost:8080/             | loopback name",
        "http://ⓛocalhost/                      | loopback name",
        // unspecified, this network
        "http://0/                              | unspecified",
        "http://0.0.0.0:3000/                   | unspecified",
        "http://0x0/                            | unspecified",
        "http://0.1.2.3/                        | unspecified",
        "http://[::]/                           | unspecified",
        // private, shared
        "http://10.0.0.1/                       | private",
        "http://10.1/                           | private",
        "http://172.16.0.1/                     | private",
        "http://172.31.255.255/                 | private",
        "http://192.168.1.1/                    | private",
        "http://3232235777/                     | private",
        "http://0xc0.0xa8.1.1/                  | private",
        "http://[::ffff:10.0.0.1]/              | private",
        "http://[::ffff:a00:1]/                 | private",
        "http://[fc00::1]/                      | private",
        "http://[fd12:3456:789a::1]/            | private",
        "http://100.64.0.1/                     | carrier-grade NAT",
        "http://100.127.255.255/                | carrier-grade NAT",
        // link-local and the cloud metadata service
        "http://169.254.169.254/latest/meta-data/ | link-local",
        "http://2852039166/                     | link-local",
        "http://0xa9.0xfe.0xa9.0xfe/            | link-local",
        "http://0251.0376.0251.0376/            | link-local",
        "http://169.254.43518/                  | link-local",
        "http://[::ffff:169.254.169.254]/       | link-local",
        "http://[64:ff9b::a9fe:a9fe]/           | link-local",
        "http://[2002:a9fe:a9fe::1]/            | link-local",
        "http://[fe80::1]/                      | link-local",
        "http://[FE80::abcd:1]/                 | link-local",
        // multicast, broadcast, reserved
        "http://224.0.0.1/                      | multicast",
        "http://239.255.255.250:1900/           | multicast",
        "http://[ff02::1]/                      | multicast",
        "http://255.255.255.255/                | broadcast",
        "http://4294967295/                     | broadcast",
        "http://240.0.0.1/                      | reserved",
        "http://198.18.0.1/                     | reserved",
        "http://192.0.2.1/                      | reserved",
        "http://[2001:db8::1]/                  | reserved",
        "http://[2001:0:4136:e378::1]/          | Teredo",
        "http://[fec0::1]/                      | site-local",
        "http://[100::1]/                       | discard",
        "http://[4000::1]/                      | not global unicast"})
    void refusesNonPublicAddressesInEverySpelling(String url, String kind) {
        UrlPolicy.Decision decision = strict.check(url);
        assertFalse(decision.allowed(), url);
        assertTrue(decision.reason().contains(kind), decision.reason());
        assertEquals(List.of(), lookups, "literals and localhost names are judged without DNS");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://4294967296/", "http://1.2.3.4.5/", "http://0x100.0.0.1/", "http://256.0.0.1/", "http://09.0.0.1/",
        "http://127.0.0.1:99999/", "http://127.0.0.1:8o/", "http://127.0.0.1:80:80/", "http:///", "http://",
        "http://@/", "http://:80/", "http://[::1/", "http://[::1%25eth0]/", "http://[::1]x/",
        "http://[1:2:3:4:5:6:7:8:9]/", "http://[1::2::3]/", "http://[::ffff:127.0.0.01]/", "http://[::ffff:1.2.3]/",
        "http://%zz/", "http://exa mple.com/", "http://a%00b.example/", "http://%ff.example/"})
    void refusesUrlsABrowserCouldNotParse(String url) {
        UrlPolicy.Decision decision = strict.check(url);
        assertFalse(decision.allowed());
        assertTrue(decision.reason().startsWith("invalid URL"), decision.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://rebind.example/     | rebind.example resolves to 127.0.0.1",
        "http://metadata.example/   | resolves to 169.254.169.254",
        "http://mixed.example/      | resolves to 10.0.0.7",
        "http://ula.example/        | resolves to fd00",
        "http://mapped.example/     | loopback",
        "http://nowhere.example/    | cannot resolve host nowhere.example",
        "http://empty.example/      | cannot resolve host empty.example"})
    void judgesNamesByEveryAddressTheyResolveTo(String url, String reason) {
        UrlPolicy.Decision decision = strict.check(url);
        assertFalse(decision.allowed());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }

    @Test
    void ignoresTabsAndNewlinesAnywhereLikeABrowser() {
        UrlPolicy.Decision decision = strict.check("ht\ttp://\t127.0.0.\n1/");
        assertFalse(decision.allowed());
        assertTrue(decision.reason().contains("127.0.0.1 is not a public address"), decision.reason());
    }

    @Test
    void resolvesTheNameTheBrowserWouldResolve() {
        strict.check("http://B%C3%BCcher.Example./x");
        assertEquals(List.of("xn--bcher-kva.example."), lookups);
    }

    @Test
    void reasonsNameTheHostButNotThePathOrQuery() {
        String reason = strict.check("http://127.0.0.1/private/path?token=secret").reason();
        assertTrue(reason.contains("127.0.0.1"), reason);
        assertFalse(reason.contains("secret") || reason.contains("private/path"), reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:*,localhost:*  | http://127.0.0.1:4321/          | true",
        "127.0.0.1:*,localhost:*  | http://localhost:8080/x         | true",
        "127.0.0.1:*,localhost:*  | ws://LOCALHOST.:9/              | true",
        "127.0.0.1:*,localhost:*  | http://2130706433:9/            | true",
        "127.0.0.1:*,localhost:*  | http://127.0.0.2/               | false",
        "127.0.0.1:*,localhost:*  | http://api.localhost/           | false",
        "127.0.0.1:*,localhost:*  | http://10.0.0.1/                | false",
        "127.0.0.1:*,localhost:*  | file://127.0.0.1/etc/passwd     | false",
        " 127.0.0.1:8080 , [::1]  | http://127.0.0.1:8080/          | true",
        " 127.0.0.1:8080 , [::1]  | http://127.0.0.1:08080/         | true",
        " 127.0.0.1:8080 , [::1]  | http://127.0.0.1:8081/          | false",
        " 127.0.0.1:8080 , [::1]  | http://127.0.0.1/               | false",
        " 127.0.0.1:8080 , [::1]  | http://[0:0::1]:5/              | true",
        "127.0.0.1:80,10.1.2.3:443 | http://127.0.0.1/              | true",
        "127.0.0.1:80,10.1.2.3:443 | https://10.1.2.3/              | true",
        "127.0.0.1:80,10.1.2.3:443 | http://10.1.2.3/               | false",
        "[::1]:3000               | http://[::1]:3000/              | true",
        "[::1]:3000               | http://[::1]:3001/              | false",
        "[::1]:3000               | http://127.0.0.1:3000/          | false",
        "127.0.0.1                | http://[::ffff:127.0.0.1]:1/    | true",
        "internal.example         | http://internal.example:81/     | true"})
    void allowlistedHostsSkipTheAddressCheck(String spec, String url, boolean allowed) {
        UrlPolicy.Decision decision = UrlPolicy.parse(spec, resolver).check(url);
        assertEquals(allowed, decision.allowed(), decision.reason());
        if (allowed) {
            assertTrue(decision.reason().startsWith("allowlisted"), decision.reason());
            assertEquals(List.of(), lookups, "allowlisted names are not resolved");
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void blankSpecIsTheStrictDefault(String spec) {
        assertFalse(UrlPolicy.parse(spec, resolver).check("http://127.0.0.1:3000/").allowed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:             | '127.0.0.1:'",
        "127.0.0.1:0            | '127.0.0.1:0'",
        "127.0.0.1:65536        | '127.0.0.1:65536'",
        "127.0.0.1:http         | '127.0.0.1:http'",
        "::1                    | in brackets",
        "::1:8080               | in brackets",
        "[::1                   | '[::1'",
        "[::1]8080              | '[::1]8080'",
        "[::1%eth0]             | '[::1%eth0]'",
        "*                      | wildcard",
        "*.example.com:443      | wildcard",
        "http://example.com     | without a scheme",
        "user@example.com       | 'user@example.com'",
        "1.2.3.4.5              | '1.2.3.4.5'",
        "127.0.0.1:*,,localhost | empty entry",
        "127.0.0.1:*,           | empty entry"})
    void badEntriesAreNamed(String spec, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> UrlPolicy.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void systemResolverIsNotNeededForLiteralsAndLocalhost() {
        UrlPolicy policy = UrlPolicy.parse("");
        assertFalse(policy.check("http://localhost:3000/").allowed());
        assertFalse(policy.check("http://0x7f.1/").allowed());
        assertTrue(policy.check("http://8.8.8.8/").allowed(), "judged, never contacted");
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // an IP literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** ::ffff:127.0.0.1 kept as an Inet6Address, the way a resolver may return it. */
    private static InetAddress mappedLoopback() {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
