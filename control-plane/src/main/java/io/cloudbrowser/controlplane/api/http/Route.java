package io.cloudbrowser.controlplane.api.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** An API route: method, path pattern with {@code {name}} segments, handler. */
public final class Route {
    /** Handles one call; may complete on any thread, and complete exceptionally with {@link ApiException}. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<ApiResponse> handle(ApiRequest request);
    }

    private final String method;
    private final String[] segments;
    private final Handler handler;

    public Route(String method, String pattern, Handler handler) {
        this.method = Objects.requireNonNull(method, "method");
        this.segments = split(pattern);
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    public String method() {
        return method;
    }

    public Handler handler() {
        return handler;
    }

    /** The path parameters when {@code path} fits the pattern. */
    Optional<Map<String, String>> match(String path) {
        String[] parts = split(path);
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }
}
