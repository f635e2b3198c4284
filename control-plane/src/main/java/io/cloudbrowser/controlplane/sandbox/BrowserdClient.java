package io.cloudbrowser.controlplane.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.token.TokenMinter;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.BrowserdHealth;
import io.cloudbrowser.protocol.ClaimRequest;
import io.cloudbrowser.protocol.RevokeRequest;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.protocol.token.TokenClaims;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The control plane's HTTP calls to browserd: /health, /admin/claim, /admin/revoke. */
public final class BrowserdClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int PRIMING_REQUESTS = 3;

    private final HttpClient http;
    private final ObjectMapper json;
    private final TokenMinter minter;

    public BrowserdClient(ObjectMapper json, TokenMinter minter) {
        // HTTP/1.1 only: the JDK client would otherwise try an h2c upgrade on every plain request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        this.json = json;
        this.minter = minter;
    }

    public CompletableFuture<BrowserdHealth> healthAsync(Sandbox sandbox) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + BrowserdEndpoints.HEALTH))
                .timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> parseHealth(sandbox, response));
    }

    public BrowserdHealth health(Sandbox sandbox) throws SandboxException {
        try {
            return healthAsync(sandbox).join();
        } catch (CompletionException e) {
            throw unreachable(sandbox, BrowserdEndpoints.HEALTH, e.getCause());
        }
    }

    /**
     * POST /admin/claim: binds a pool-mode browserd to {@code spec.sessionId()}, and checks that it now serves
     * that session. The part of claiming a pooled sandbox every provider shares.
     */
    public BrowserdHealth claim(Sandbox sandbox, SandboxSpec spec, boolean resize) throws SandboxException {
        String sessionId = spec.sessionId().orElseThrow(() -> new IllegalArgumentException("claim needs a session"));
        ClaimRequest body = new ClaimRequest(spec.idleTimeout().toSeconds(), spec.maxLifetime().toSeconds(),
                spec.startUrl().orElse(null),
                resize ? new ClaimRequest.Size(spec.viewport().w(), spec.viewport().h()) : null);
        HttpResponse<String> response = post(sandbox, BrowserdEndpoints.CLAIM, sessionId, body);
        if (response.statusCode() != 200) {
            throw new SandboxException(SandboxException.Kind.REFUSED,
                    "browserd " + sandbox.id() + " refused the claim: HTTP " + response.statusCode() + " " + response.body());
        }
        BrowserdHealth health = readHealth(sandbox, response.body());
        if (!sessionId.equals(health.sessionId())) {
            throw new SandboxException(SandboxException.Kind.REFUSED,
                    "browserd " + sandbox.id() + " claimed for " + health.sessionId() + ", not " + sessionId);
        }
        return health;
    }

    /**
     * Runs browserd's request path once before a user waits on it: the first request a fresh JVM
     * serves is slow (class loading, interpreted crypto: ~40 ms for a claim here, ~15 ms after).
     * A session token on /admin/claim is refused (401, no effect) after its signature is checked.
     */
    public void prime(Sandbox sandbox) {
        String wrongAudience = minter.sessionToken("s-prime", TokenClaims.ADMIN_SUBJECT, Role.VIEWER,
                Instant.now().plus(TIMEOUT)).jwt();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + BrowserdEndpoints.CLAIM))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + wrongAudience)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        for (int i = 0; i < PRIMING_REQUESTS; i++) {
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                return; // priming is best effort
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** POST /admin/revoke: browserd drops connections of {@code jti} and refuses it from now on. */
    public void revoke(Sandbox sandbox, String sessionId, String jti, Instant expiresAt) throws SandboxException {
        RevokeRequest body = new RevokeRequest(jti, expiresAt.getEpochSecond());
        HttpResponse<String> response = post(sandbox, BrowserdEndpoints.REVOKE, sessionId, body);
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            throw new SandboxException(SandboxException.Kind.REFUSED,
                    "browserd " + sandbox.id() + " refused the revocation: HTTP " + response.statusCode());
        }
    }

    private HttpResponse<String> post(Sandbox sandbox, String path, String sessionId, Object body)
            throws SandboxException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + minter.adminToken(sessionId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(sandbox, path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(sandbox, path, e);
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claim and revoke bodies are records of plain values", e);
        }
    }

    private BrowserdHealth parseHealth(Sandbox sandbox, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new CompletionException(new IOException("HTTP " + response.statusCode()));
        }
        try {
            return readHealth(sandbox, response.body());
        } catch (SandboxException e) {
            throw new CompletionException(e);
        }
    }

    private BrowserdHealth readHealth(Sandbox sandbox, String body) throws SandboxException {
        try {
            return json.readValue(body, BrowserdHealth.class);
        } catch (JsonProcessingException e) {
            throw new SandboxException(SandboxException.Kind.UNREACHABLE,
                    "browserd " + sandbox.id() + " sent health that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static SandboxException unreachable(Sandbox sandbox, String path, Throwable cause) {
        if (cause instanceof SandboxException known) {
            return known;
        }
        return new SandboxException(SandboxException.Kind.UNREACHABLE,
                "browserd " + sandbox.id() + " " + path + " failed: " + cause, cause);
    }
}
