package io.cloudbrowser.controlplane.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.api.http.ApiRequest;
import io.cloudbrowser.controlplane.api.http.ApiResponse;
import io.cloudbrowser.controlplane.api.http.Router;
import io.cloudbrowser.controlplane.artifact.ArtifactDownloads;
import io.cloudbrowser.controlplane.auth.Principal;
import io.cloudbrowser.protocol.ErrorCode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** Authentication, rate limits, routing; the public resources (/health, /ready, static files). */
final class ApiDispatcher {
    private static final String BEARER = "Bearer ";

    private final ApiServices services;

    ApiDispatcher(ApiServices services) {
        this.services = services;
    }

    /** API key from {@code Authorization: Bearer} or {@code x-api-key}. */
    Principal authenticate(FullHttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String key = request.headers().get("x-api-key");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "Authorization must be 'Bearer <api key>'");
            }
            key = authorization.substring(BEARER.length()).trim();
        }
        if (key == null || key.isEmpty()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "an API key is required (Authorization: Bearer or x-api-key)");
        }
        return services.apiKeys().authenticate(key)
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "unknown API key"));
    }

    void limitRate(Principal principal) {
        OptionalLong wait = services.rateLimiter().tryAcquire(principal.keyId());
        if (wait.isPresent()) {
            throw ApiException.withHeaders(ErrorCode.RATE_LIMITED, "too many requests for this API key",
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(wait.getAsLong())));
        }
    }

    CompletableFuture<ApiResponse> dispatch(String method, String path, Principal principal,
                                            Map<String, List<String>> query, byte[] body) {
        return dispatch(method, path, principal, query, body, Map.of());
    }

    CompletableFuture<ApiResponse> dispatch(String method, String path, Principal principal,
                                            Map<String, List<String>> query, byte[] body, Map<String, String> headers) {
        Router.Match match = services.apiRouter().match(method, path);
        if (match.route().isEmpty()) {
            throw noRoute(method, path, match);
        }
        ApiRequest request = new ApiRequest(method, path, principal.userId(), match.params(), query, body, headers);
        try {
            return match.route().get().handler().handle(request);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    FullHttpResponse publicResource(HttpMethod method, String path, Map<String, List<String>> query) {
        boolean get = method.equals(HttpMethod.GET);
        boolean head = method.equals(HttpMethod.HEAD);
        if (path.startsWith(ArtifactDownloads.PATH)) {
            if (!get) {
                throw methodNotAllowed(method.name(), "GET");
            }
            return services.artifacts().find(path, query).map(services.responses()::download)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such artifact"));
        }
        if (path.equals("/health") || path.equals("/ready")) {
            if (!get) {
                throw methodNotAllowed(method.name(), "GET");
            }
            return path.equals("/health") ? health() : ready();
        }
        var file = services.staticFiles().find(path);
        if (file.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such resource: " + path);
        }
        if (!get && !head) {
            throw methodNotAllowed(method.name(), "GET, HEAD");
        }
        return services.responses().staticFile(file.get(), get);
    }

    private FullHttpResponse health() {
        ObjectNode body = services.json().createObjectNode().put("status", "ok");
        services.health().stats().forEach(body::put);
        return services.responses().from(ApiResponse.ok(body));
    }

    private FullHttpResponse ready() {
        Map<String, Boolean> checks = services.health().readiness();
        boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        ObjectNode body = services.json().createObjectNode().put("status", ready ? "ready" : "not_ready");
        ObjectNode detail = body.putObject("checks");
        checks.forEach(detail::put);
        return services.responses().from(ApiResponse.status(ready ? 200 : 503, body));
    }

    private static ApiException noRoute(String method, String path, Router.Match match) {
        if (match.allowed().isEmpty()) {
            return new ApiException(ErrorCode.NOT_FOUND, "no such resource: " + path);
        }
        return methodNotAllowed(method, String.join(", ", match.allowed()));
    }

    private static ApiException methodNotAllowed(String method, String allowed) {
        return ApiException.withHeaders(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed here (allowed: "
                + allowed + ")", Map.of(HttpHeaderNames.ALLOW.toString(), allowed));
    }
}
