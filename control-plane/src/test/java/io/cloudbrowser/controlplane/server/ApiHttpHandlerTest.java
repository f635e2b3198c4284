package io.cloudbrowser.controlplane.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cloudbrowser.controlplane.api.Json;
import io.cloudbrowser.controlplane.api.http.ApiResponse;
import io.cloudbrowser.controlplane.api.http.Route;
import io.cloudbrowser.controlplane.api.http.Router;
import io.cloudbrowser.controlplane.artifact.ArtifactDownloads;
import io.cloudbrowser.controlplane.auth.ApiKeyRegistry;
import io.cloudbrowser.controlplane.policy.RateLimiter;
import io.cloudbrowser.controlplane.store.jdbc.JdbcDatabase;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.webclient.WebAssets;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers leave in the order requests came, however the handlers finish (HTTP/1.1 pipelining). */
class ApiHttpHandlerTest {
    private static final String KEY = "handler-key-0123456789";
    private final JdbcDatabase database = JdbcDatabase.open(Optional.empty(), TestEnvironment.newDataDir("handler"));
    private final Map<String, CompletableFuture<ApiResponse>> pending = new ConcurrentHashMap<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ApiHttpHandler(services()));

    private ApiServices services() {
        var json = Json.mapper();
        var responses = new HttpResponses(json);
        Route slow = new Route("GET", "/api/slow/{n}", request -> pending.computeIfAbsent(request.pathParam("n"),
                n -> new CompletableFuture<>()));
        UpgradeHandler noGateway = new UpgradeHandler() {
            @Override
            public Optional<String> sessionIdOf(String path) {
                return Optional.empty();
            }

            @Override
            public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String sessionId) {
                throw new AssertionError("no upgrades here");
            }
        };
        HealthChecks health = new HealthChecks() {
            @Override
            public Map<String, Boolean> readiness() {
                return Map.of();
            }

            @Override
            public Map<String, Integer> stats() {
                return Map.of();
            }
        };
        return new ApiServices(json, responses, new Router(List.of(slow)),
                ApiKeyRegistry.load(Map.of(KEY, "alice"), database.apiKeys(), Clock.systemUTC()),
                RateLimiter.local(100, 100), new WebAssets("/index.html"), noGateway, health, null,
                ArtifactDownloads.NONE);
    }

    @AfterEach
    void close() {
        assertFalse(channel.finishAndReleaseAll());
        database.close();
    }

    private static FullHttpRequest get(String path) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        request.headers().set("x-api-key", KEY);
        return request;
    }

    private FullHttpResponse nextResponse() {
        channel.runPendingTasks();
        return channel.readOutbound();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        channel.writeInbound(get("/api/slow/1"), get("/api/slow/2"));
        assertFalse(channel.config().isAutoRead(), "no more reading while answers wait");
        pending.computeIfAbsent("2", n -> new CompletableFuture<>())
                .complete(ApiResponse.ok(Json.mapper().createObjectNode().put("n", 2)));
        assertNull(nextResponse(), "the second answer waits for the first");
        pending.get("1").complete(ApiResponse.ok(Json.mapper().createObjectNode().put("n", 1)));
        FullHttpResponse first = nextResponse();
        assertEquals("{\"n\":1}", first.content().toString(StandardCharsets.UTF_8));
        first.release();
        FullHttpResponse second = nextResponse();
        assertEquals("{\"n\":2}", second.content().toString(StandardCharsets.UTF_8));
        second.release();
        assertEquals(true, channel.config().isAutoRead(), "reading resumes once all are answered");
    }

    @Test
    void aFailedHandlerIsA500AndTheConnectionGoesOn() {
        channel.writeInbound(get("/api/slow/x"));
        pending.get("x").completeExceptionally(new IllegalStateException("boom"));
        FullHttpResponse failed = nextResponse();
        assertEquals(500, failed.status().code());
        assertEquals("{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}",
                failed.content().toString(StandardCharsets.UTF_8));
        failed.release();
        assertEquals(true, channel.isActive());
    }
}
