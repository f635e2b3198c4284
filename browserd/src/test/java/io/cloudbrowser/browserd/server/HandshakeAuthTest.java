package io.cloudbrowser.browserd.server;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.protocol.token.TokenClaims;
import io.cloudbrowser.testing.RawHttp;
import io.cloudbrowser.testing.TestTokens;
import io.cloudbrowser.testing.WsClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The gate in front of the WebSocket (PROTOCOL.md section 1): every bad token is a 401 with a JSON body before any
 * WebSocket exists, Origin is checked, tokens never reach the logs. The admin endpoints and the other HTTP routes
 * are checked here too, since they share the router and its token handling.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandshakeAuthTest {
    private static final String SESSION = TestDaemon.SESSION;
    private static final String ALLOWED_ORIGIN = "https://app.cloudbrowser.test";
    /** Every token this class sends, so the last test can look for each of them in the logs. */
    private static final Set<String> used = ConcurrentHashMap.newKeySet();
    private static final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static final Logger ours = (Logger) LoggerFactory.getLogger("io.cloudbrowser");
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static Level oursBefore;
    static TestDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        logs.start();
        root.addAppender(logs);
        // Debug lines are where a careless token would turn up first.
        oursBefore = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        daemon = TestDaemon.start(Map.of("BROWSERD_ALLOWED_ORIGINS", ALLOWED_ORIGIN));
    }

    @AfterAll
    static void stop() {
        daemon.close();
        root.detachAppender(logs);
        ours.setLevel(oursBefore);
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                bad("malformed", t -> "not-a-jwt"),
                bad("malformed in three parts", t -> "abc.def.ghi"),
                bad("expired", t -> t.session(SESSION).ttl(Duration.ofMinutes(-5)).sign()),
                bad("signed with another key", t -> TestTokens.generate().session(SESSION).sign()),
                bad("alg none", t -> forge(Algorithm.none(), c -> { })),
                bad("HS256", t -> forge(Algorithm.HMAC256("secret-secret-secret-secret-1234"), c -> { })),
                bad("HS256 keyed with the public key PEM", t -> forge(Algorithm.HMAC256(t.publicKeyPem()), c -> { })),
                bad("HS256 keyed with the public key DER", t -> forge(Algorithm.HMAC256(t.publicKey().getEncoded()), c -> { })),
                bad("wrong audience", t -> forge(t.signer(), c -> c.put("aud", "someone-else"))),
                bad("admin token", t -> t.admin(SESSION).sign()),
                bad("wrong issuer", t -> forge(t.signer(), c -> c.put("iss", "someone-else"))),
                bad("wrong session", t -> t.session("s-other").sign()),
                bad("unknown role", t -> forge(t.signer(), c -> c.put("role", "superuser"))),
                bad("role in the wrong case", t -> forge(t.signer(), c -> c.put("role", "Controller"))),
                bad("without exp", t -> forge(t.signer(), c -> c.remove("exp"))),
                bad("without jti", t -> forge(t.signer(), c -> c.remove("jti"))));
    }

    private static Arguments bad(String name, Function<TestTokens, String> token) {
        return Arguments.of(name, token);
    }

    /** A session token for {@link #SESSION} whose claims start valid, then get {@code change}d, signed by {@code alg}. */
    private static String forge(Algorithm alg, Consumer<Map<String, Object>> change) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new HashMap<>(Map.of("iss", TokenClaims.ISSUER, "aud", TokenClaims.SESSION_AUDIENCE,
                "sid", SESSION, "sub", "user-1", "role", "controller", "iat", now, "exp", now + 300,
                "jti", "jti-" + UUID.randomUUID()));
        change.accept(claims);
        return JWT.create().withPayload(claims).sign(alg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void everyBadTokenIs401BeforeTheUpgrade(String name, Function<TestTokens, String> mint) {
        String token = use(mint.apply(daemon.tokens()));
        assertUnauthorized(RawHttp.upgrade(daemon.port(), "/ws", Map.of("Authorization", "Bearer " + token)));
        assertUnauthorized(RawHttp.upgrade(daemon.port(), "/ws?token=" + encode(token), Map.of()));
        assertEquals(401, WsClient.refusedStatus(daemon.wsUrl(), Map.of("Authorization", "Bearer " + token)));
    }

    @Test
    void aMissingTokenIs401() {
        assertUnauthorized(RawHttp.upgrade(daemon.port(), "/ws", Map.of()));
        assertUnauthorized(RawHttp.upgrade(daemon.port(), "/ws", Map.of("Authorization", "Bearer ")));
        assertUnauthorized(RawHttp.upgrade(daemon.port(), "/ws?token=", Map.of()));
        assertEquals(401, WsClient.refusedStatus(daemon.wsUrl(), Map.of()));
    }

    @Test
    void theTokenMayTravelInTheQuery() {
        String token = use(daemon.token(Role.VIEWER));
        try (WsClient c = WsClient.connect(daemon.wsUrl() + "?token=" + encode(token), Map.of())) {
            JsonNode ready = c.event("ready");
            assertEquals("viewer", ready.at("/data/role").asText());
            assertEquals(SESSION, ready.at("/data/sessionId").asText());
        }
    }

    @Test
    void aDisallowedOriginIs403() {
        String token = use(daemon.token(Role.CONTROLLER));
        String self = "http://127.0.0.1:" + daemon.port();
        for (String origin : List.of("http://evil.example", "null", self + ".evil.example", "http://127.0.0.1:1")) {
            RawHttp.Response r = RawHttp.upgrade(daemon.port(), "/ws",
                    Map.of("Authorization", "Bearer " + token, "Origin", origin));
            assertEquals(403, r.status(), origin);
            assertEquals("forbidden", r.errorCode(), origin);
            assertEquals(403, WsClient.refusedStatus(daemon.wsUrl(), Map.of("Authorization", "Bearer " + token, "Origin", origin)));
        }
    }

    @Test
    void theDaemonsOwnOriginAndConfiguredOriginsAreAccepted() {
        String self = "http://127.0.0.1:" + daemon.port();
        for (String origin : List.of(self, ALLOWED_ORIGIN)) {
            String token = use(daemon.token(Role.CONTROLLER));
            assertEquals(101, RawHttp.upgrade(daemon.port(), "/ws", Map.of("Authorization", "Bearer " + token, "Origin", origin)).status());
            try (WsClient c = WsClient.connect(daemon.wsUrl(), Map.of("Authorization", "Bearer " + token, "Origin", origin))) {
                assertEquals("controller", c.event("ready").at("/data/role").asText(), origin);
            }
        }
    }

    @Test
    void healthNeedsNoTokenAndHoldsNoSecrets() {
        try (WsClient c = WsClient.connect(daemon.wsUrl(), use(daemon.token(Role.CONTROLLER)))) {
            c.event("ready");
            RawHttp.Response r = RawHttp.exchange(daemon.port(), "GET", "/health", Map.of(), "");
            assertEquals(200, r.status());
            assertTrue(r.headers().get("content-type").startsWith("application/json"));
            JsonNode health = r.json();
            assertEquals("ready", health.path("status").asText());
            assertEquals(SESSION, health.path("sessionId").asText());
            assertEquals(1280, health.at("/viewport/w").asInt());
            assertFalse(r.body().contains("PUBLIC KEY"), r.body());
            String key = Base64.getEncoder().encodeToString(daemon.tokens().publicKey().getEncoded());
            for (int i = 0; i + 16 <= key.length(); i += 8) {
                assertFalse(r.body().contains(key.substring(i, i + 16)), "public key material in /health");
            }
            assertNoSecrets(r.body());
        }
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        RawHttp.Response missing = RawHttp.exchange(daemon.port(), "GET", "/no-such-thing", Map.of(), "");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.errorCode());
        assertEquals(404, RawHttp.exchange(daemon.port(), "POST", "/no-such-thing", Map.of(), "{}").status());
        RawHttp.Response post = RawHttp.exchange(daemon.port(), "POST", "/health", Map.of(), "{}");
        assertEquals(405, post.status());
        assertEquals("method_not_allowed", post.errorCode());
        assertEquals(405, RawHttp.exchange(daemon.port(), "GET", "/admin/claim", Map.of(), "").status());
        assertEquals(405, RawHttp.exchange(daemon.port(), "GET", "/admin/revoke", Map.of(), "").status());
    }

    @Test
    void claimingAClaimedDaemonIs409() {
        for (String sid : List.of(SESSION, "s-other")) {
            RawHttp.Response r = admin("/admin/claim", daemon.tokens().admin(sid).sign(), "{}");
            assertEquals(409, r.status(), sid);
            assertEquals("already_claimed", r.errorCode());
        }
    }

    @Test
    void badAdminTokensAre401() {
        TestTokens t = daemon.tokens();
        List<String> bad = new ArrayList<>(List.of(t.session(SESSION).sign(), TestTokens.generate().admin(SESSION).sign(),
                t.admin(SESSION).ttl(Duration.ofMinutes(-5)).sign(), "not-a-jwt"));
        for (String path : List.of("/admin/claim", "/admin/revoke")) {
            for (String token : bad) {
                assertUnauthorized(admin(path, token, "{\"jti\":\"x\",\"expiresAt\":" + (Instant.now().getEpochSecond() + 60) + "}"));
            }
            assertUnauthorized(RawHttp.exchange(daemon.port(), "POST", path, Map.of(), "{}"));
        }
        // revoking needs an admin token for this daemon's own session
        assertUnauthorized(admin("/admin/revoke", t.admin("s-other").sign(), "{\"jti\":\"x\",\"expiresAt\":1999999999}"));
    }

    @Test
    void revokeDropsTheConnectionAndRefusesTheTokenAfter() {
        String jti = "jti-revoked-" + UUID.randomUUID();
        String token = use(daemon.tokens().session(SESSION).jti(jti).sign());
        try (WsClient victim = WsClient.connect(daemon.wsUrl(), token);
             WsClient bystander = WsClient.connect(daemon.wsUrl(), use(daemon.token(Role.CONTROLLER)))) {
            victim.event("ready");
            bystander.event("ready");
            assertEquals(400, admin("/admin/revoke", daemon.tokens().admin(SESSION).sign(), "{\"jti\":\"\"}").status());
            long exp = Instant.now().plusSeconds(300).getEpochSecond();
            RawHttp.Response r = admin("/admin/revoke", daemon.tokens().admin(SESSION).sign(),
                    "{\"jti\":\"" + jti + "\",\"expiresAt\":" + exp + "}");
            assertEquals(204, r.status());
            assertEquals(1008, victim.closeCode().orTimeout(10, TimeUnit.SECONDS).join());
            assertUnauthorized(RawHttp.upgrade(daemon.port(), "/ws", Map.of("Authorization", "Bearer " + token)));

            bystander.send(obj().put("type", "ping").put("t", 7));
            bystander.await(m -> "pong".equals(m.path("type").asText()), Duration.ofSeconds(10));
            assertFalse(bystander.closeCode().isDone(), "other tokens' connections stay");
        }
    }

    @Test
    void aPoolDaemonRefusesSessionTokensUntilClaimed() throws Exception {
        try (TestDaemon pool = TestDaemon.start(Map.of("BROWSERD_SESSION_ID", ""))) {
            String claimed = use(pool.tokens().session("s-claimed").sign());
            JsonNode before = RawHttp.exchange(pool.port(), "GET", "/health", Map.of(), "").json();
            assertTrue(before.path("sessionId").isNull(), "a blank BROWSERD_SESSION_ID is pool mode: " + before);
            assertUnauthorized(RawHttp.upgrade(pool.port(), "/ws", Map.of("Authorization", "Bearer " + claimed)));

            RawHttp.Response claim = admin(pool, "/admin/claim", pool.tokens().admin("s-claimed").sign(), "{\"idleTimeoutSeconds\":120}");
            assertEquals(200, claim.status(), claim.body());
            assertEquals("s-claimed", claim.json().path("sessionId").asText());
            assertEquals(120_000, claim.json().path("idleTimeoutMs").asLong());

            try (WsClient c = WsClient.connect(pool.wsUrl(), claimed)) {
                assertEquals("s-claimed", c.event("ready").at("/data/sessionId").asText());
            }
            assertUnauthorized(RawHttp.upgrade(pool.port(), "/ws", Map.of("Authorization", "Bearer " + use(pool.token(Role.CONTROLLER)))));
            assertEquals(409, admin(pool, "/admin/claim", pool.tokens().admin("s-again").sign(), "{}").status());
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void tokensNeverAppearInLogs() {
        // Make sure this test has material of its own even when run alone.
        everyBadTokenIs401BeforeTheUpgrade("signed with another key", t -> TestTokens.generate().session(SESSION).sign());
        theTokenMayTravelInTheQuery();
        assertTrue(loggedSoFar().stream().anyMatch(e -> e.getFormattedMessage().contains("connected as")),
                "the appender sees the daemon's log lines");
        for (ILoggingEvent e : loggedSoFar()) {
            assertNoSecrets(e.getFormattedMessage());
            e.getMDCPropertyMap().values().forEach(HandshakeAuthTest::assertNoSecrets);
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                assertNoSecrets(t.getMessage());
            }
        }
    }

    /** The events so far; the daemon's threads keep logging, and AppenderBase appends under the appender's lock. */
    private static List<ILoggingEvent> loggedSoFar() {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }

    private static void assertNoSecrets(String text) {
        if (text == null) {
            return;
        }
        for (String token : used) {
            assertFalse(text.contains(token), "a token in: " + text);
            String[] parts = token.split("\\.");
            if (parts.length == 3 && parts[2].length() >= 16) {
                assertFalse(text.contains(parts[2]), "a token's signature in: " + text);
            }
        }
    }

    private static void assertUnauthorized(RawHttp.Response r) {
        assertEquals(401, r.status(), r.body());
        assertFalse(r.headers().containsKey("sec-websocket-accept"), "no WebSocket exists");
        assertTrue(r.headers().get("content-type").startsWith("application/json"));
        assertEquals("unauthorized", r.errorCode(), r.body());
        assertFalse(r.json().at("/error/message").asText().isEmpty());
        assertNoSecrets(r.body());
    }

    private static RawHttp.Response admin(String path, String token, String body) {
        return admin(daemon, path, token, body);
    }

    private static RawHttp.Response admin(TestDaemon d, String path, String token, String body) {
        return RawHttp.exchange(d.port(), "POST", path,
                Map.of("Authorization", "Bearer " + use(token), "Content-Type", "application/json"), body);
    }

    private static String use(String token) {
        used.add(token);
        return token;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
