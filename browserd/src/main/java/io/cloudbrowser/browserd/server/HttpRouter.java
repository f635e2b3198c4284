package io.cloudbrowser.browserd.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.session.Session;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.ClaimRequest;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.RevokeRequest;
import io.cloudbrowser.protocol.token.AuthException;
import io.cloudbrowser.protocol.token.Principal;
import io.cloudbrowser.protocol.token.TokenVerifier;
import io.cloudbrowser.webclient.WebAssets;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plain HTTP routes, and the gate in front of the WebSocket upgrade: the token and the Origin are checked here,
 * so a bad token gets 401 before any WebSocket exists. The verified principal rides on the channel.
 */
@ChannelHandler.Sharable
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf("browserd.principal");
    /** Claim and revoke bodies: numbers must be numbers, and whole where a whole number is expected. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final TokenVerifier verifier;
    private final Session session;
    private final DaemonAdmin admin;
    private final Set<String> allowedOrigins;
    private final WebAssets viewerFiles = new WebAssets("/viewer.html");

    HttpRouter(TokenVerifier verifier, Session session, DaemonAdmin admin, List<String> allowedOrigins) {
        super(false);
        this.verifier = verifier;
        this.session = session;
        this.admin = admin;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path;
        try {
            path = uri.path();
            uri.parameters(); // both decode lazily and throw on a bad %-escape: decoded and answered here
        } catch (IllegalArgumentException e) {
            HttpResponses.error(ctx, req, ErrorCode.INVALID_PARAMS, "malformed URL: a %-escape that is not two hex digits");
            req.release();
            return;
        }
        try {
            if (path.equals(BrowserdEndpoints.WS)) {
                upgrade(ctx, req);
                return;
            }
            route(ctx, req, path);
        } finally {
            if (!path.equals(BrowserdEndpoints.WS)) {
                req.release();
            }
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        switch (path) {
            case BrowserdEndpoints.HEALTH -> {
                if (requireMethod(ctx, req, HttpMethod.GET)) {
                    HttpResponses.json(ctx, req, HttpResponseStatus.OK, admin.health());
                }
            }
            case BrowserdEndpoints.CLAIM -> {
                if (requireMethod(ctx, req, HttpMethod.POST)) {
                    claim(ctx, req);
                }
            }
            case BrowserdEndpoints.REVOKE -> {
                if (requireMethod(ctx, req, HttpMethod.POST)) {
                    revoke(ctx, req);
                }
            }
            default -> {
                var file = req.method() == HttpMethod.GET ? viewerFiles.find(path) : Optional.<WebAssets.Asset>empty();
                if (file.isPresent()) {
                    HttpResponses.bytes(ctx, req, HttpResponseStatus.OK, file.get().content(), file.get().contentType());
                } else {
                    HttpResponses.error(ctx, req, ErrorCode.NOT_FOUND, "no such resource");
                }
            }
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !originAllowed(origin, req.headers().get(HttpHeaderNames.HOST))) {
            reject(ctx, req, ErrorCode.FORBIDDEN, "origin not allowed");
            return;
        }
        Principal principal;
        try {
            principal = verifier.verifySession(token(req), session.sessionId());
        } catch (AuthException e) {
            reject(ctx, req, ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        if (session.isClosing()) {
            reject(ctx, req, ErrorCode.CLOSING, "the session is ending");
            return;
        }
        if (session.isFull()) {
            reject(ctx, req, ErrorCode.TOO_MANY_CONNECTIONS, "connection limit reached");
            return;
        }
        ctx.channel().attr(PRINCIPAL).set(principal);
        ctx.fireChannelRead(req);
    }

    private void reject(ChannelHandlerContext ctx, FullHttpRequest req, ErrorCode code, String message) {
        try {
            HttpResponses.error(ctx, req, code, message);
        } finally {
            req.release();
        }
    }

    private boolean originAllowed(String origin, String host) {
        return allowedOrigins.contains(origin) || (host != null
                && (origin.equals("http://" + host) || origin.equals("https://" + host)));
    }

    private static String token(FullHttpRequest req) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        List<String> q = new QueryStringDecoder(req.uri()).parameters().get("token");
        return q == null || q.isEmpty() ? null : q.get(0);
    }

    private void claim(ChannelHandlerContext ctx, FullHttpRequest req) {
        String sid;
        try {
            sid = verifier.verifyAdmin(token(req), null);
        } catch (AuthException e) {
            HttpResponses.error(ctx, req, ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        try {
            HttpResponses.json(ctx, req, HttpResponseStatus.OK, admin.claim(sid, body(req, ClaimRequest.class)));
        } catch (ProtocolException e) {
            HttpResponses.error(ctx, req, e.code(), e.getMessage());
        }
    }

    private void revoke(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            verifier.verifyAdmin(token(req), session.sessionId());
        } catch (AuthException e) {
            HttpResponses.error(ctx, req, ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        try {
            RevokeRequest body = body(req, RevokeRequest.class);
            admin.revoke(body.jti(), Instant.ofEpochSecond(body.expiresAt()));
            HttpResponses.noContent(ctx, req);
        } catch (ProtocolException e) {
            HttpResponses.error(ctx, req, e.code(), e.getMessage());
        }
    }

    /** An empty body is an empty object; fields out of range are {@code invalid_params}. */
    private static <T> T body(FullHttpRequest req, Class<T> type) throws ProtocolException {
        String text = req.content().toString(StandardCharsets.UTF_8);
        JsonNode n;
        try {
            n = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the body is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the body must be a JSON object");
        }
        try {
            return JSON.treeToValue(n, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new ProtocolException(ErrorCode.INVALID_PARAMS, cause == e ? e.getOriginalMessage() : cause.getMessage());
        }
    }

    private static boolean requireMethod(ChannelHandlerContext ctx, FullHttpRequest req, HttpMethod method) {
        if (req.method().equals(method)) {
            return true;
        }
        HttpResponses.error(ctx, req, ErrorCode.METHOD_NOT_ALLOWED, "use " + method);
        return false;
    }
}
