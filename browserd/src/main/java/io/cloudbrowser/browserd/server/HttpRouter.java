package io.cloudbrowser.browserd.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.browserd.auth.AuthException;
import io.cloudbrowser.browserd.auth.Principal;
import io.cloudbrowser.browserd.auth.TokenVerifier;
import io.cloudbrowser.browserd.protocol.ErrorCode;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.session.Session;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String path = new QueryStringDecoder(req.uri()).path();
        try {
            if (path.equals("/ws")) {
                upgrade(ctx, req);
                return;
            }
            route(ctx, req, path);
        } finally {
            if (!path.equals("/ws")) {
                req.release();
            }
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        switch (path) {
            case "/health" -> {
                if (requireMethod(ctx, req, HttpMethod.GET)) {
                    HttpResponses.json(ctx, req, HttpResponseStatus.OK, admin.health());
                }
            }
            case "/admin/claim" -> {
                if (requireMethod(ctx, req, HttpMethod.POST)) {
                    claim(ctx, req);
                }
            }
            case "/admin/revoke" -> {
                if (requireMethod(ctx, req, HttpMethod.POST)) {
                    revoke(ctx, req);
                }
            }
            default -> {
                var file = req.method() == HttpMethod.GET ? viewerFiles.find(path) : Optional.<WebAssets.Asset>empty();
                if (file.isPresent()) {
                    HttpResponses.bytes(ctx, req, HttpResponseStatus.OK, file.get().content(), file.get().contentType());
                } else {
                    HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "not_found", "no such resource");
                }
            }
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !originAllowed(origin, req.headers().get(HttpHeaderNames.HOST))) {
            reject(ctx, req, HttpResponseStatus.FORBIDDEN, "forbidden", "origin not allowed");
            return;
        }
        Principal principal;
        try {
            principal = verifier.verifySession(token(req), session.sessionId());
        } catch (AuthException e) {
            reject(ctx, req, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        if (session.isClosing()) {
            reject(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "closing", "the session is ending");
            return;
        }
        if (session.isFull()) {
            reject(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "too_many_connections", "connection limit reached");
            return;
        }
        ctx.channel().attr(PRINCIPAL).set(principal);
        ctx.fireChannelRead(req);
    }

    private void reject(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String code, String message) {
        try {
            HttpResponses.error(ctx, req, status, code, message);
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
            HttpResponses.error(ctx, req, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        try {
            HttpResponses.json(ctx, req, HttpResponseStatus.OK, admin.claim(sid, body(req)));
        } catch (ProtocolException e) {
            HttpResponses.error(ctx, req, e.code().equals("already_claimed") ? HttpResponseStatus.CONFLICT
                    : HttpResponseStatus.BAD_REQUEST, e.code(), e.getMessage());
        }
    }

    private void revoke(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            verifier.verifyAdmin(token(req), session.sessionId());
        } catch (AuthException e) {
            HttpResponses.error(ctx, req, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        try {
            JsonNode body = body(req);
            String jti = body.path("jti").asText("");
            long exp = body.path("expiresAt").asLong(0);
            if (jti.isEmpty() || jti.length() > 256 || exp <= 0) {
                throw new ProtocolException(ErrorCode.INVALID_PARAMS, "expected {\"jti\": string, \"expiresAt\": epoch seconds}");
            }
            admin.revoke(jti, Instant.ofEpochSecond(exp));
            HttpResponses.noContent(ctx, req);
        } catch (ProtocolException e) {
            HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, e.code(), e.getMessage());
        }
    }

    private static JsonNode body(FullHttpRequest req) throws ProtocolException {
        String text = req.content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the body must be a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the body is not JSON");
        }
    }

    private static boolean requireMethod(ChannelHandlerContext ctx, FullHttpRequest req, HttpMethod method) {
        if (req.method().equals(method)) {
            return true;
        }
        HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "use " + method);
        return false;
    }
}
