package io.cloudbrowser.browserd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.protocol.ErrorCode;

/** Server-to-client JSON messages (PROTOCOL.md section 3), except frames (see {@code Frame}). */
public final class Outbound {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outbound() {
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static String result(String id, JsonNode result) {
        ObjectNode n = JSON.createObjectNode().put("id", id).put("type", "result").put("ok", true);
        n.set("result", result == null ? JSON.createObjectNode() : result);
        return n.toString();
    }

    public static String error(String id, ErrorCode code, String message) {
        ObjectNode n = JSON.createObjectNode().put("id", id).put("type", "result").put("ok", false);
        n.putObject("error").put("code", code.wireName()).put("message", message);
        return n.toString();
    }

    public static String event(String name, JsonNode data) {
        ObjectNode n = JSON.createObjectNode().put("type", "event").put("name", name);
        n.set("data", data == null ? JSON.createObjectNode() : data);
        return n.toString();
    }

    public static String errorEvent(ErrorCode code, String message) {
        return event("error", JSON.createObjectNode().put("code", code.wireName()).put("message", message));
    }

    public static String pong(long t) {
        return JSON.createObjectNode().put("type", "pong").put("t", t).toString();
    }
}
