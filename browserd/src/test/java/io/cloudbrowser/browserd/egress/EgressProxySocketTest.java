package io.cloudbrowser.browserd.egress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.protocol.policy.UrlPolicy;
import io.cloudbrowser.testing.Loopback;
import io.cloudbrowser.testing.PageServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The egress proxy driven by a plain socket client, as Chromium would drive it. Refused targets are reached by
 * nothing: each one either is a {@link LoopbackServer} trap that counts connections, or is never a loopback
 * address, and then the proxy answers 403 before connecting anywhere.
 */
class EgressProxySocketTest {
    static EventLoopGroup group;
    LoopbackServer echo;
    LoopbackServer trap;
    LoopbackServer websocket;
    PageServer pages;
    int closedPort;
    EgressProxy proxy;
    /** Names the test resolver was asked for: the proxy must ask exactly once per request. */
    final List<String> lookups = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void start() throws IOException {
        echo = new LoopbackServer(LoopbackServer.Mode.ECHO);
        trap = new LoopbackServer(LoopbackServer.Mode.TRAP);
        websocket = new LoopbackServer(LoopbackServer.Mode.WEBSOCKET);
        pages = new PageServer().page("/hello", "hello through the proxy");
        closedPort = Loopback.unusedPort();
        String allow = String.join(",", "127.0.0.1:" + echo.port(), "127.0.0.1:" + pages.port(),
                "127.0.0.1:" + websocket.port(), "echo.test:" + echo.port(), "127.0.0.1:" + closedPort);
        proxy = new EgressProxy(UrlPolicy.parse(allow, this::resolve), group);
        proxy.start();
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
        trap.close();
        websocket.close();
        pages.close();
    }

    /** No DNS in tests: echo.test is loopback (allowlisted), intranet.test a private address (refused). */
    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        return switch (host) {
            case "echo.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            case "intranet.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})};
            default -> throw new UnknownHostException(host);
        };
    }

    @Test
    void connectToANonAllowlistedLoopbackPortIs403AndTheTargetSeesNothing() throws IOException {
        try (Socket s = client()) {
            send(s, "CONNECT 127.0.0.1:" + trap.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + trap.port() + "\r\n\r\n");
            assertStatus(403, LoopbackServer.readHead(s.getInputStream()));
            assertEquals(-1, drain(s.getInputStream()), "the proxy closes after refusing");
        }
        assertEquals(0, trap.accepted());
    }

    @ParameterizedTest(name = "CONNECT {0}")
    @ValueSource(strings = {"10.0.0.1:443", "169.254.169.254:80", "[::1]:443", "0x7f.1:443", "localhost:443",
            "intranet.test:443", "unknown.test:443", "evil.test@127.0.0.1:443", "127.0.0.1:0"})
    void connectToAnyNonPublicTargetIs403(String target) throws IOException {
        try (Socket s = client()) {
            send(s, "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
            String head = LoopbackServer.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 403") || head.startsWith("HTTP/1.1 400"), head);
        }
    }

    @Test
    void connectToAnAllowlistedEchoServerRelaysBytesBothWays() throws IOException {
        try (Socket s = client()) {
            send(s, "CONNECT 127.0.0.1:" + echo.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + echo.port() + "\r\n\r\n");
            assertStatus(200, LoopbackServer.readHead(s.getInputStream()));
            assertEchoes(s, 256 * 1024);
        }
        assertEquals(1, echo.accepted());
    }

    @Test
    void anAllowlistedNameIsResolvedOnceAndThatAddressIsTheOneConnectedTo() throws IOException {
        try (Socket s = client()) {
            send(s, "CONNECT echo.test:" + echo.port() + " HTTP/1.1\r\nHost: echo.test\r\n\r\n");
            assertStatus(200, LoopbackServer.readHead(s.getInputStream()));
            assertEchoes(s, 1024);
        }
        assertEquals(List.of("echo.test"), lookups);
    }

    @Test
    void anAbsoluteFormRequestIsForwardedInOriginFormAndClosedAfterTheResponse() throws IOException {
        try (Socket s = client()) {
            send(s, "GET " + pages.url("/hello") + " HTTP/1.1\r\nHost: 127.0.0.1:" + pages.port()
                    + "\r\nProxy-Connection: keep-alive\r\n\r\n");
            String head = LoopbackServer.readHead(s.getInputStream());
            assertStatus(200, head);
            assertTrue(head.toLowerCase().contains("connection: close"), head);
            String body = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("hello through the proxy", body);
        }
    }

    @Test
    void anAbsoluteFormRequestToANonAllowlistedPortIs403AndTheTargetSeesNothing() throws IOException {
        try (Socket s = client()) {
            send(s, "GET http://127.0.0.1:" + trap.port() + "/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertStatus(403, LoopbackServer.readHead(s.getInputStream()));
        }
        assertEquals(0, trap.accepted());
    }

    @Test
    void anAllowedButUnreachableTargetIs502ForConnectAndNoAnswerForPlainHttp() throws IOException {
        try (Socket s = client()) {
            send(s, "CONNECT 127.0.0.1:" + closedPort + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertStatus(502, LoopbackServer.readHead(s.getInputStream()));
        }
        try (Socket s = client()) {
            send(s, "GET http://127.0.0.1:" + closedPort + "/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(-1, s.getInputStream().read(), "a plain-HTTP request must fail like a network error");
        }
    }

    @Test
    void aRequestThatIsNotAProxyRequestIs400() throws IOException {
        try (Socket s = client()) {
            send(s, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertStatus(400, LoopbackServer.readHead(s.getInputStream()));
        }
    }

    @Test
    void aWebSocketUpgradeOverPlainHttpBecomesAByteRelay() throws IOException {
        try (Socket s = client()) {
            send(s, "GET http://127.0.0.1:" + websocket.port() + "/ HTTP/1.1\r\nHost: 127.0.0.1:" + websocket.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            String head = LoopbackServer.readHead(s.getInputStream());
            assertStatus(101, head);
            assertTrue(head.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head);
            assertEchoes(s, 64 * 1024);
        }
    }

    private Socket client() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(15_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private static void assertStatus(int status, String head) {
        assertTrue(head.startsWith("HTTP/1.1 " + status + " "), "expected " + status + ", got: " + head);
    }

    /** Writes more than the proxy's water marks on a separate thread while reading the echo back here. */
    private static void assertEchoes(Socket s, int size) throws IOException {
        byte[] sent = new byte[size];
        for (int i = 0; i < size; i++) {
            sent[i] = (byte) (i * 31);
        }
        Thread writer = new Thread(() -> {
            try {
                s.getOutputStream().write(sent);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the read below fails and reports it
            }
        });
        writer.start();
        byte[] back = s.getInputStream().readNBytes(size);
        assertArrayEquals(sent, back);
    }

    private static int drain(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // refusal body
        }
        return -1;
    }
}
