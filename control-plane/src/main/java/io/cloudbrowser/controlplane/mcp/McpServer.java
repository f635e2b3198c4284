package io.cloudbrowser.controlplane.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiResponse;
import io.cloudbrowser.controlplane.auth.Principal;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The MCP server's JSON-RPC side (MCP 2025-03-26 and later): {@code initialize}, {@code ping}, {@code tools/list},
 * {@code tools/call}. It keeps no MCP session: all state is in browser sessions, named by id in every tool call, so
 * any client (a new one after a disconnect included) continues where another left off. The HTTP side is
 * {@code server/McpHttp}.
 */
public final class McpServer implements AutoCloseable {
    public static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    private static final String INSTRUCTIONS = "Remote browser sessions (real Chromium) that outlive this connection. "
            + "session_create returns an id; pass it to every other tool. Read the page with snapshot and act on its "
            + "refs (click, type, press, hover). When a person must act (a login, a captcha), call handoff: it "
            + "waits until they hand control back.";

    /** The REST API's routes, called as the MCP caller: the same validation, limits and errors. */
    public interface Api {
        CompletableFuture<ApiResponse> call(String method, String path, Map<String, List<String>> query, byte[] body);
    }

    private final ObjectMapper json;
    private final McpTools tools;

    public McpServer(ObjectMapper json, Function<String, Optional<Sandbox>> readySandbox) {
        this.json = json;
        this.tools = new McpTools(json, readySandbox);
    }

    /** True for messages whose answer may take long (tool calls): the HTTP side streams those as SSE. */
    public static boolean isToolCall(JsonNode message) {
        return "tools/call".equals(message.path("method").asText());
    }

    /**
     * Answers one JSON-RPC message. Notifications and responses from the client have no answer (empty).
     *
     * @param notify sends a JSON-RPC notification to the client before the answer (on the same stream)
     */
    public CompletableFuture<Optional<ObjectNode>> handle(Principal caller, Api api, JsonNode message,
                                                          Consumer<ObjectNode> notify) {
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
            return answer(error(message.path("id"), INVALID_REQUEST, "expected a JSON-RPC 2.0 object"));
        }
        if (!message.has("method")) {
            return CompletableFuture.completedFuture(Optional.empty()); // a response to us: we send no requests
        }
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
            return CompletableFuture.completedFuture(Optional.empty()); // notifications/initialized, cancelled, ...
        }
        JsonNode params = message.path("params");
        return switch (message.path("method").asText()) {
            case "initialize" -> answer(result(id, initialize(params)));
            case "ping", "logging/setLevel" -> answer(result(id, json.createObjectNode()));
            case "tools/list" -> answer(result(id, tools.catalog().list()));
            case "tools/call" -> call(caller, api, id, params, notify);
            default -> answer(error(id, METHOD_NOT_FOUND, "method not found: " + message.path("method").asText()));
        };
    }

    private CompletableFuture<Optional<ObjectNode>> call(Principal caller, Api api, JsonNode id, JsonNode params,
                                                         Consumer<ObjectNode> notify) {
        String name = params.path("name").asText();
        Optional<ToolCatalog.Tool> tool = tools.catalog().find(name);
        if (tool.isEmpty()) {
            return answer(error(id, INVALID_PARAMS, "unknown tool: " + name));
        }
        JsonNode args = params.path("arguments");
        if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
            return answer(error(id, INVALID_PARAMS, "params.arguments: expected an object"));
        }
        JsonNode progressToken = params.path("_meta").path("progressToken");
        Consumer<String> progress = text -> notify.accept(progressToken.isMissingNode()
                ? notification("notifications/message", json.createObjectNode().put("level", "notice")
                        .put("logger", name).put("data", text))
                : notification("notifications/progress", json.createObjectNode().put("progress", 0)
                        .put("message", text).set("progressToken", progressToken)));
        ObjectNode arguments = args.isObject() ? (ObjectNode) args : json.createObjectNode();
        return tools.call(caller.userId(), api, tool.get(), arguments, progress).thenApply(r -> Optional.of(result(id, r)));
    }

    private ObjectNode initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asText();
        ObjectNode result = json.createObjectNode()
                .put("protocolVersion", PROTOCOL_VERSIONS.contains(asked) ? asked : PROTOCOL_VERSIONS.get(0));
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("logging");
        result.putObject("serverInfo").put("name", "cloudbrowser").put("version", "0.1.0");
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    private ObjectNode notification(String method, ObjectNode params) {
        ObjectNode n = json.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        n.set("params", params);
        return n;
    }

    private ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode r = json.createObjectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        return r;
    }

    /** A JSON-RPC error object: for messages that are not MCP; tool failures are results with {@code isError}. */
    public ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode r = json.createObjectNode().put("jsonrpc", "2.0");
        r.set("id", id == null || id.isMissingNode() ? json.nullNode() : id);
        r.putObject("error").put("code", code).put("message", message);
        return r;
    }

    private static CompletableFuture<Optional<ObjectNode>> answer(ObjectNode message) {
        return CompletableFuture.completedFuture(Optional.of(message));
    }

    @Override
    public void close() {
        tools.close();
    }
}
