package io.cloudbrowser.controlplane.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.api.http.ApiResponse;
import io.cloudbrowser.controlplane.sandbox.BrowserdLink;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.protocol.ErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs {@code tools/call}. Session tools go through the REST API's own routes (same validation, limits, quotas and
 * errors); page tools are browserd commands sent over the session's WebSocket ({@link BrowserdLinks}). Every
 * failure is an MCP tool error ({@code isError}) carrying our error code.
 */
final class McpTools implements AutoCloseable {
    private static final int DEFAULT_HANDOFF_MS = 600_000;

    private final ObjectMapper json;
    private final ToolCatalog catalog;
    private final BrowserdLinks links;

    McpTools(ObjectMapper json, Function<String, Optional<Sandbox>> readySandbox) {
        this.json = json;
        this.catalog = new ToolCatalog(json);
        this.links = new BrowserdLinks(json, readySandbox);
    }

    ToolCatalog catalog() {
        return catalog;
    }

    /**
     * @param notify sends a progress message to the caller while the call runs (the handoff's takeover link)
     * @return the {@code CallToolResult}; tool failures are results with {@code isError}, never exceptions
     */
    CompletableFuture<ObjectNode> call(String userId, McpServer.Api api, ToolCatalog.Tool tool, ObjectNode args, Consumer<String> notify) {
        CompletableFuture<ObjectNode> result;
        try {
            checkArguments(tool, args);
            result = run(userId, api, tool, args, notify);
        } catch (ApiException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionally(this::toolError);
    }

    private CompletableFuture<ObjectNode> run(String userId, McpServer.Api api, ToolCatalog.Tool tool, ObjectNode args,
                                              Consumer<String> notify) {
        return switch (tool.name()) {
            case "session_create" -> api.call("POST", "/api/sessions", Map.of(), bytes(args)).thenApply(r -> {
                ObjectNode session = (ObjectNode) r.body().orElseThrow();
                session.remove("token"); // the agent drives through tools; a person uses viewerUrl
                return jsonResult(session);
            });
            case "session_list" -> api.call("GET", "/api/sessions", query(args), new byte[0]).thenApply(this::jsonBody);
            case "session_end" -> api.call("DELETE", sessionPath(args), Map.of(), new byte[0]).thenApply(this::jsonBody);
            case "takeover_link" -> takeoverLink(api, args, args.path("ttlSeconds").asInt(3600))
                    .thenApply(url -> jsonResult(json.createObjectNode().put("takeoverUrl", url)));
            case "handoff" -> handoff(userId, api, args, notify);
            default -> command(userId, api, tool.command().orElseThrow(), args);
        };
    }

    private CompletableFuture<ObjectNode> command(String userId, McpServer.Api api, String method, ObjectNode args) {
        String sessionId = args.path("sessionId").asText();
        ObjectNode params = args.deepCopy();
        params.remove("sessionId");
        boolean submit = params.path("submit").asBoolean(false);
        String command = params.path("slowly").asBoolean(false) ? "type" : method;
        params.remove(List.of("submit", "slowly"));
        return link(userId, api, sessionId).thenCompose(link -> {
            CompletableFuture<JsonNode> done = link.command(command, params);
            if (submit) {
                ObjectNode enter = params.deepCopy().put("key", "Enter");
                enter.remove("text");
                done = done.thenCompose(r -> link.command("press", enter));
            }
            return done;
        }).thenApply(r -> switch (method) {
            case "snapshot" -> textResult("url: " + r.path("url").asText() + "\ntitle: " + r.path("title").asText()
                    + "\n" + r.path("snapshot").asText());
            case "screenshot" -> imageResult(r.path("data").asText(), "image/" + r.path("format").asText());
            default -> jsonResult(r);
        });
    }

    private CompletableFuture<ObjectNode> handoff(String userId, McpServer.Api api, ObjectNode args, Consumer<String> notify) {
        String sessionId = args.path("sessionId").asText();
        int timeoutMs = args.path("timeoutMs").asInt(DEFAULT_HANDOFF_MS);
        ObjectNode params = json.createObjectNode().put("reason", args.path("reason").asText()).put("timeoutMs", timeoutMs);
        return link(userId, api, sessionId).thenCompose(link ->
                takeoverLink(api, args, timeoutMs / 1000 + 60).thenCompose(url -> {
                    notify.accept("Waiting for a person to take control and hand it back: " + url);
                    return link.command("handoff", params).thenApply(r -> {
                        ObjectNode out = ((ObjectNode) r).deepCopy().put("takeoverUrl", url);
                        return jsonResult(out);
                    });
                }));
    }

    private CompletableFuture<String> takeoverLink(McpServer.Api api, ObjectNode args, int ttlSeconds) {
        ObjectNode body = json.createObjectNode().put("role", "controller").put("ttlSeconds", ttlSeconds);
        return api.call("POST", sessionPath(args) + "/tokens", Map.of(), bytes(body))
                .thenApply(r -> r.body().orElseThrow().path("viewerUrl").asText());
    }

    private CompletableFuture<BrowserdLink> link(String userId, McpServer.Api api, String sessionId) {
        return links.link(userId, sessionId, () -> {
            ObjectNode body = json.createObjectNode().put("role", "controller");
            return api.call("POST", "/api/sessions/" + encode(sessionId) + "/tokens", Map.of(), bytes(body))
                    .thenApply(r -> r.body().orElseThrow().path("token").asText());
        });
    }

    /** Arguments the tool's schema does not name, and a missing session id, are refused before anything runs. */
    private static void checkArguments(ToolCatalog.Tool tool, ObjectNode args) {
        var known = tool.argumentNames();
        for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new ApiException(ErrorCode.INVALID_PARAMS, "arguments." + name + ": unknown (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
        for (JsonNode required : tool.inputSchema().path("required")) {
            if (!args.hasNonNull(required.asText())) {
                throw new ApiException(ErrorCode.INVALID_PARAMS, "arguments." + required.asText() + ": required");
            }
        }
        if (args.has("sessionId") && !args.get("sessionId").isTextual()) {
            throw new ApiException(ErrorCode.INVALID_PARAMS, "arguments.sessionId: expected a string");
        }
    }

    private ObjectNode toolError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ErrorCode code;
        String message;
        if (cause instanceof ApiException api) {
            code = api.code();
            message = api.getMessage();
        } else if (cause instanceof BrowserdLink.CommandError command) {
            code = command.code();
            message = command.getMessage();
        } else {
            code = ErrorCode.INTERNAL;
            message = "internal error";
        }
        ObjectNode result = textResult(code.wireName() + ": " + message).put("isError", true);
        result.putObject("structuredContent").putObject("error").put("code", code.wireName()).put("message", message);
        return result;
    }

    private ObjectNode jsonBody(ApiResponse response) {
        return jsonResult(response.body().orElseGet(json::createObjectNode));
    }

    private ObjectNode jsonResult(JsonNode value) {
        ObjectNode result = textResult(value.toString());
        if (value.isObject()) {
            result.set("structuredContent", value);
        }
        return result;
    }

    private ObjectNode textResult(String text) {
        ObjectNode result = json.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }

    private ObjectNode imageResult(String base64, String mimeType) {
        ObjectNode result = json.createObjectNode();
        result.putArray("content").addObject().put("type", "image").put("data", base64).put("mimeType", mimeType);
        return result;
    }

    private static String sessionPath(ObjectNode args) {
        return "/api/sessions/" + encode(args.path("sessionId").asText());
    }

    private static Map<String, List<String>> query(ObjectNode args) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        args.fields().forEachRemaining(e -> query.put(e.getKey(), List.of(e.getValue().asText())));
        return query;
    }

    private byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        links.close();
    }
}
