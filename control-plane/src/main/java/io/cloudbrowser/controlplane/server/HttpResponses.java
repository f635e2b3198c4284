package io.cloudbrowser.controlplane.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.api.http.ApiResponse;
import io.cloudbrowser.controlplane.artifact.ArtifactDownloads;
import io.cloudbrowser.protocol.ErrorBody;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.webclient.WebAssets;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Turns answers into Netty responses: JSON bodies, the error shape, static files. */
public final class HttpResponses {
    private final ObjectMapper json;

    public HttpResponses(ObjectMapper json) {
        this.json = json;
    }

    public FullHttpResponse from(ApiResponse response) {
        byte[] body = response.body().map(this::bytes).orElse(new byte[0]);
        FullHttpResponse http = bytesResponse(response.status(), body, response.body().isPresent()
                ? "application/json" : null);
        response.headers().forEach((name, value) -> http.headers().set(name, value));
        return http;
    }

    public FullHttpResponse error(ApiException error) {
        ErrorBody body = ErrorBody.of(error.code(), error.getMessage(), error.field().orElse(null));
        FullHttpResponse http = bytesResponse(error.code().httpStatus(), bytes(body), "application/json");
        error.headers().forEach((name, value) -> http.headers().set(name, value));
        return http;
    }

    public FullHttpResponse error(ErrorCode code, String message) {
        return error(new ApiException(code, message));
    }

    public FullHttpResponse staticFile(WebAssets.Asset file, boolean withBody) {
        FullHttpResponse http = bytesResponse(200, withBody ? file.content() : new byte[0], file.contentType());
        http.headers().set(HttpHeaderNames.CONTENT_LENGTH, file.content().length);
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return http;
    }

    /** A signed artifact: private to whoever holds the URL, so no shared cache keeps it. */
    public FullHttpResponse download(ArtifactDownloads.Download download) {
        FullHttpResponse http = bytesResponse(200, download.bytes(), download.contentType());
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=300");
        return http;
    }

    private static FullHttpResponse bytesResponse(int status, byte[] body, String contentType) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        http.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        http.headers().set("X-Content-Type-Options", "nosniff");
        return http;
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON trees and records always serialize", e);
        }
    }
}
