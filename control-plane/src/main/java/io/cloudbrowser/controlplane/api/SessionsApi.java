package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.api.http.ApiRequest;
import io.cloudbrowser.controlplane.api.http.ApiResponse;
import io.cloudbrowser.controlplane.api.http.Route;
import io.cloudbrowser.controlplane.config.Config;
import io.cloudbrowser.controlplane.session.SessionException;
import io.cloudbrowser.controlplane.session.SessionService;
import io.cloudbrowser.controlplane.session.SessionView;
import io.cloudbrowser.controlplane.store.SessionPage;
import io.cloudbrowser.protocol.ErrorCode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The sessions API: its routes, request parsing, and the mapping of session errors to answers. */
public final class SessionsApi {
    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 20;
    private static final Set<String> LIST_PARAMS = Set.of("limit", "cursor");

    private final SessionService sessions;
    private final ObjectMapper json;
    private final SessionJson render;
    private final CreateSessionBody.Limits limits;

    public SessionsApi(SessionService sessions, ObjectMapper json, URI publicUrl, Config config) {
        this.sessions = sessions;
        this.json = json;
        this.render = new SessionJson(json, publicUrl);
        this.limits = new CreateSessionBody.Limits(config.defaultViewport(), config.defaultTtl(), config.maxTtl(),
                config.defaultIdleTimeout(), config.maxIdleTimeout());
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/sessions", guarded(this::create)),
                new Route("GET", "/api/sessions", guarded(this::list)),
                new Route("GET", "/api/sessions/{id}", guarded(this::get)),
                new Route("DELETE", "/api/sessions/{id}", guarded(this::delete)),
                new Route("POST", "/api/sessions/{id}/tokens", guarded(this::mintToken)),
                new Route("DELETE", "/api/sessions/{id}/tokens/{tokenId}", guarded(this::revokeToken)));
    }

    private CompletableFuture<ApiResponse> create(ApiRequest request) {
        var body = CreateSessionBody.parse(json, request.body(), limits);
        return sessions.create(request.userId(), body).thenApply(created -> {
            ObjectNode out = render.sessionWithToken(new SessionView(created.record(), Optional.empty()), created.token());
            out.put("fromWarmPool", created.fromWarmPool());
            return ApiResponse.created(out);
        });
    }

    private CompletableFuture<ApiResponse> get(ApiRequest request) {
        return sessions.get(request.userId(), request.pathParam("id"))
                .thenApply(view -> ApiResponse.ok(render.session(view)));
    }

    private CompletableFuture<ApiResponse> list(ApiRequest request) {
        request.query().keySet().stream().filter(p -> !LIST_PARAMS.contains(p)).findFirst().ifPresent(p -> {
            throw ApiException.field(ErrorCode.UNKNOWN_FIELD, p, "unknown query parameter " + p + " (known: cursor, limit)");
        });
        int limit = request.queryParam("limit").map(SessionsApi::limit).orElse(DEFAULT_PAGE);
        Optional<SessionPage.Cursor> cursor = request.queryParam("cursor").map(SessionsApi::cursor);
        return sessions.list(request.userId(), cursor, limit).thenApply(page -> {
            ObjectNode out = json.createObjectNode();
            ArrayNode items = out.putArray("sessions");
            page.sessions().forEach(view -> items.add(render.session(view)));
            out.put("nextCursor", page.next().map(SessionPage.Cursor::encode).orElse(null));
            return ApiResponse.ok(out);
        });
    }

    private CompletableFuture<ApiResponse> delete(ApiRequest request) {
        return sessions.delete(request.userId(), request.pathParam("id"))
                .thenApply(view -> ApiResponse.ok(render.session(view)));
    }

    private CompletableFuture<ApiResponse> mintToken(ApiRequest request) {
        TokenBody body = TokenBody.parse(json, request.body(), limits.maxTtl());
        String id = request.pathParam("id");
        return sessions.mintToken(request.userId(), id, body.role(), body.ttl())
                .thenApply(token -> ApiResponse.created(render.token(id, token)));
    }

    private CompletableFuture<ApiResponse> revokeToken(ApiRequest request) {
        return sessions.revokeToken(request.userId(), request.pathParam("id"), request.pathParam("tokenId"))
                .thenApply(done -> ApiResponse.noContent());
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JsonFields.invalid("limit", "an integer in 1.." + MAX_PAGE, text);
    }

    static SessionPage.Cursor cursor(String text) {
        try {
            return SessionPage.Cursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("cursor", "a nextCursor from an earlier page", text);
        }
    }

    /** Session errors, thrown now or later, become API errors. */
    private static Route.Handler guarded(Route.Handler handler) {
        return request -> {
            CompletableFuture<ApiResponse> response;
            try {
                response = handler.handle(request);
            } catch (SessionException e) {
                return CompletableFuture.failedFuture(toApi(e));
            }
            return response.exceptionallyCompose(error -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                return CompletableFuture.failedFuture(cause instanceof SessionException s ? toApi(s) : cause);
            });
        };
    }

    static ApiException toApi(SessionException e) {
        ErrorCode code = switch (e.kind()) {
            case NOT_FOUND -> ErrorCode.SESSION_NOT_FOUND;
            case TOKEN_NOT_FOUND -> ErrorCode.TOKEN_NOT_FOUND;
            case NOT_ACTIVE -> ErrorCode.SESSION_NOT_ACTIVE;
            case QUOTA_EXCEEDED -> ErrorCode.QUOTA_EXCEEDED;
            case CAPACITY_EXHAUSTED -> ErrorCode.CAPACITY_EXHAUSTED;
            case SANDBOX_FAILED -> ErrorCode.SANDBOX_FAILED;
        };
        return new ApiException(code, e.getMessage());
    }
}
