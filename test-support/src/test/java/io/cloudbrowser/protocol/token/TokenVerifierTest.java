package io.cloudbrowser.protocol.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.cloudbrowser.protocol.token.AuthException.Reason;
import io.cloudbrowser.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {
    private static final String SID = "s-123";
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final TestTokens tokens = TestTokens.generate(clock);
    private final TokenVerifier verifier = new TokenVerifier(tokens.publicKey(), clock);

    @Test
    void acceptsAValidControllerToken() throws AuthException {
        String token = tokens.session(SID).sub("alice").jti("j-1").ttl(Duration.ofMinutes(10)).sign();

        Principal principal = verifier.verifySession(token, SID);

        assertEquals(new Principal("alice", Role.CONTROLLER, "j-1", NOW.plus(Duration.ofMinutes(10))), principal);
    }

    @Test
    void acceptsAViewerToken() throws AuthException {
        assertEquals(Role.VIEWER, verifier.verifySession(tokens.session(SID).role(Role.VIEWER).sign(), SID).role());
    }

    @Test
    void acceptsAnAudienceListContainingBrowserd() throws AuthException {
        String token = craft(claims -> claims.put("aud", List.of("something-else", "browserd")));
        assertEquals("user-1", verifier.verifySession(token, SID).subject());
    }

    @Test
    void toleratesClockSkewOnBothEnds() throws AuthException {
        String expired = craft(claims -> claims.put("exp", NOW.minusSeconds(20).getEpochSecond()));
        String issuedLater = craft(claims -> claims.put("iat", NOW.plusSeconds(20).getEpochSecond()));
        verifier.verifySession(expired, SID);
        verifier.verifySession(issuedLater, SID);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void refusesAMissingToken(String token) {
        assertRefused(token, Reason.MISSING_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln", "....", "Bearer x.y.z"})
    void refusesAMalformedToken(String token) {
        assertRefused(token, Reason.MALFORMED_TOKEN);
    }

    @Test
    void refusesAnOversizedTokenWithoutDecodingIt() {
        String huge = tokens.session(SID).sub("x".repeat(TokenVerifier.MAX_TOKEN_LENGTH)).sign();
        assertRefused(huge, Reason.MALFORMED_TOKEN);
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        TestTokens impostor = TestTokens.generate(clock);
        assertRefused(impostor.session(SID).sign(), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = tokens.session(SID).role(Role.VIEWER).sign().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"controller\"");
        String forged = parts[0] + "." + base64Url(payload) + "." + parts[2];
        assertRefused(forged, Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 64})
    void refusesEmptyAndAllZeroSignatures(int signatureBytes) {
        // All zeros is the "psychic signature" (CVE-2022-21449) that some JVMs once accepted.
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[signatureBytes]);
        String[] parts = tokens.session(SID).sign().split("\\.");
        assertRefused(parts[0] + "." + parts[1] + "." + signature, Reason.BAD_SIGNATURE);
    }

    static Stream<Arguments> otherAlgorithms() throws Exception {
        TestTokens keys = TestTokens.generate();
        byte[] publicKeyDer = keys.publicKey().getEncoded();
        byte[] publicKeyPem = keys.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var rsaPair = rsa.generateKeyPair();
        var ec384 = KeyPairGenerator.getInstance("EC");
        ec384.initialize(new ECGenParameterSpec("secp384r1"));
        var ec384Pair = ec384.generateKeyPair();
        return Stream.of(
                Arguments.of("none", Algorithm.none()),
                Arguments.of("HS256 with a random secret", Algorithm.HMAC256("secret-secret-secret-secret-1234")),
                Arguments.of("HS256 keyed with the public key DER", Algorithm.HMAC256(publicKeyDer)),
                Arguments.of("HS256 keyed with the public key PEM", Algorithm.HMAC256(publicKeyPem)),
                Arguments.of("RS256", Algorithm.RSA256((RSAPublicKey) rsaPair.getPublic(),
                        (RSAPrivateKey) rsaPair.getPrivate())),
                Arguments.of("ES384", Algorithm.ECDSA384((ECPublicKey) ec384Pair.getPublic(),
                        (ECPrivateKey) ec384Pair.getPrivate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherAlgorithms")
    void refusesEveryOtherAlgorithm(String name, Algorithm algorithm) {
        assertRefused(JWT.create().withPayload(validClaims()).sign(algorithm), Reason.ALGORITHM_NOT_ALLOWED);
    }

    static Stream<Arguments> badClaims() {
        long now = NOW.getEpochSecond();
        return Stream.of(
                bad("expired beyond the skew", c -> c.put("exp", now - 31), Reason.EXPIRED),
                bad("issued in the future beyond the skew", c -> c.put("iat", now + 31), Reason.NOT_YET_VALID),
                bad("not valid before a future nbf", c -> c.put("nbf", now + 120), Reason.NOT_YET_VALID),
                bad("wrong issuer", c -> c.put("iss", "someone-else"), Reason.WRONG_ISSUER),
                bad("missing issuer", c -> c.remove("iss"), Reason.MISSING_CLAIM),
                bad("admin audience", c -> c.put("aud", "browserd-admin"), Reason.WRONG_AUDIENCE),
                bad("missing audience", c -> c.remove("aud"), Reason.MISSING_CLAIM),
                bad("another session", c -> c.put("sid", "s-other"), Reason.WRONG_SESSION),
                bad("missing sid", c -> c.remove("sid"), Reason.MISSING_CLAIM),
                bad("numeric sid", c -> c.put("sid", 123), Reason.MISSING_CLAIM),
                bad("missing sub", c -> c.remove("sub"), Reason.MISSING_CLAIM),
                bad("empty sub", c -> c.put("sub", ""), Reason.MISSING_CLAIM),
                bad("unknown role", c -> c.put("role", "admin"), Reason.UNKNOWN_ROLE),
                bad("role in the wrong case", c -> c.put("role", "Controller"), Reason.UNKNOWN_ROLE),
                bad("missing role", c -> c.remove("role"), Reason.MISSING_CLAIM),
                bad("missing exp", c -> c.remove("exp"), Reason.MISSING_CLAIM),
                bad("non-numeric exp", c -> c.put("exp", "tomorrow"), Reason.MALFORMED_TOKEN),
                bad("missing iat", c -> c.remove("iat"), Reason.MISSING_CLAIM),
                bad("missing jti", c -> c.remove("jti"), Reason.MISSING_CLAIM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClaims")
    void refusesBadClaims(String name, Consumer<Map<String, Object>> change, Reason reason) {
        assertRefused(craft(change), reason);
    }

    @Test
    void refusesEveryTokenWhileUnclaimed() {
        AuthException e = assertThrows(AuthException.class,
                () -> verifier.verifySession(tokens.session(SID).sign(), null));
        assertEquals(Reason.UNCLAIMED, e.reason());
    }

    @Test
    void refusesARevokedTokenUntilItCouldNoLongerPass() throws AuthException {
        String token = tokens.session(SID).jti("j-revoked").ttl(Duration.ofMinutes(1)).sign();
        String other = tokens.session(SID).jti("j-other").sign();
        verifier.revoke("j-revoked", NOW.plus(Duration.ofMinutes(1)));

        assertRefused(token, Reason.REVOKED);
        verifier.verifySession(other, SID);

        clock.advance(Duration.ofMinutes(1).plus(TokenClaims.CLOCK_LEEWAY));
        assertFalse(verifier.isRevoked("j-revoked"));
        assertRefused(token, Reason.EXPIRED);
    }

    @Test
    void adminTokenYieldsItsSessionId() throws AuthException {
        assertEquals(SID, verifier.verifyAdmin(tokens.admin(SID).sign(), null));
        assertEquals(SID, verifier.verifyAdmin(tokens.admin(SID).sign(), SID));
    }

    @Test
    void adminTokenForAnotherSessionIsRefused() {
        AuthException e = assertThrows(AuthException.class,
                () -> verifier.verifyAdmin(tokens.admin("s-other").sign(), SID));
        assertEquals(Reason.WRONG_SESSION, e.reason());
    }

    @Test
    void sessionAndAdminTokensAreNotInterchangeable() {
        AuthException asAdmin = assertThrows(AuthException.class,
                () -> verifier.verifyAdmin(tokens.session(SID).sign(), SID));
        AuthException asSession = assertThrows(AuthException.class,
                () -> verifier.verifySession(tokens.admin(SID).role(Role.CONTROLLER).sign(), SID));
        assertEquals(Reason.WRONG_AUDIENCE, asAdmin.reason());
        assertEquals(Reason.WRONG_AUDIENCE, asSession.reason());
    }

    @Test
    void adminTokenWithoutSidOrExpiredIsRefused() {
        String noSid = JWT.create().withIssuer(TokenClaims.ISSUER).withAudience(TokenClaims.ADMIN_AUDIENCE)
                .withIssuedAt(NOW).withExpiresAt(NOW.plusSeconds(60)).withJWTId("j").sign(tokens.signer());
        String expired = tokens.admin(SID).ttl(Duration.ofSeconds(-60)).sign();
        assertEquals(Reason.MISSING_CLAIM,
                assertThrows(AuthException.class, () -> verifier.verifyAdmin(noSid, null)).reason());
        assertEquals(Reason.EXPIRED,
                assertThrows(AuthException.class, () -> verifier.verifyAdmin(expired, null)).reason());
    }

    @Test
    void revokedAdminTokenIsRefused() {
        String token = tokens.admin(SID).jti("admin-1").sign();
        verifier.revoke("admin-1", NOW.plusSeconds(60));
        assertEquals(Reason.REVOKED,
                assertThrows(AuthException.class, () -> verifier.verifyAdmin(token, SID)).reason());
    }

    private void assertRefused(String token, Reason reason) {
        AuthException e = assertThrows(AuthException.class, () -> verifier.verifySession(token, SID));
        assertEquals(reason, e.reason(), e.getMessage());
        if (token != null && !token.isBlank()) {
            for (String part : token.split("\\.")) {
                assertFalse(part.length() > 3 && e.getMessage().contains(part), "message leaks the token");
            }
        }
        assertTrue(e.getMessage().length() < 100, "message stays short");
    }

    private static Arguments bad(String name, Consumer<Map<String, Object>> change, Reason reason) {
        return Arguments.of(name, change, reason);
    }

    /** A token signed with the right key whose claims start valid and then get {@code change}d. */
    private String craft(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = validClaims();
        change.accept(claims);
        return JWT.create().withPayload(claims).sign(tokens.signer());
    }

    private static Map<String, Object> validClaims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", TokenClaims.ISSUER);
        claims.put("aud", TokenClaims.SESSION_AUDIENCE);
        claims.put("sid", SID);
        claims.put("sub", "user-1");
        claims.put("role", "controller");
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("jti", "jti-1");
        return claims;
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
