package io.cloudbrowser.browserd.protocol;

import static io.cloudbrowser.protocol.ErrorCode.BAD_MESSAGE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Turns a text message into an {@link Inbound} record, or a {@code bad_message} error naming what is wrong. */
public final class InboundParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MOUSE_ACTIONS = Set.of("move", "down", "up", "wheel");
    private static final Set<String> KEY_ACTIONS = Set.of("down", "up", "char");
    private static final Set<String> BUTTONS = Set.of("none", "left", "middle", "right", "back", "forward");
    private static final double MAX_COORD = 100_000;

    private InboundParser() {
    }

    public static Inbound parse(String text) throws ProtocolException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw bad("expected a JSON object");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "cmd" -> command(node);
            case "input" -> input(node);
            case "ping" -> new Inbound.Ping(node.path("t").asLong(0));
            case "control" -> control(node);
            case "stream" -> stream(node);
            case "" -> throw bad("missing 'type'");
            default -> throw bad("unknown type '" + clip(type) + "'");
        };
    }

    /** The {@code id} of a command message, if the text is one, so an error can still be answered as its result. */
    public static String commandId(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.path("id").isTextual() ? node.get("id").asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Inbound command(JsonNode node) throws ProtocolException {
        JsonNode id = node.get("id");
        if (id == null || !(id.isTextual() || id.isNumber()) || id.asText().isEmpty() || id.asText().length() > 128) {
            throw bad("cmd needs an 'id' (a string of 1-128 characters)");
        }
        String method = node.path("method").asText("");
        if (method.isEmpty()) {
            throw bad("cmd needs a 'method'");
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw bad("'params' must be an object");
        }
        return new Inbound.Command(id.asText(), method, params instanceof ObjectNode o ? o : JSON.createObjectNode());
    }

    private static Inbound input(JsonNode node) throws ProtocolException {
        String device = node.path("device").asText("");
        String action = node.path("action").asText("");
        int modifiers = node.path("modifiers").asInt(0);
        if (modifiers < 0 || modifiers > 15) {
            throw bad("'modifiers' must be a bitmask 0..15 (Alt=1 Ctrl=2 Meta=4 Shift=8)");
        }
        if (device.equals("mouse")) {
            if (!MOUSE_ACTIONS.contains(action)) {
                throw bad("mouse 'action' must be move, down, up or wheel");
            }
            String button = node.path("button").asText(action.equals("move") || action.equals("wheel") ? "none" : "left");
            if (!BUTTONS.contains(button)) {
                throw bad("unknown mouse 'button' '" + clip(button) + "'");
            }
            double x = number(node, "x");
            double y = number(node, "y");
            JsonNode surface = node.get("surface");
            double sw = 0;
            double sh = 0;
            if (surface != null && !surface.isNull()) {
                sw = number(surface, "w");
                sh = number(surface, "h");
                if (sw < 1 || sh < 1) {
                    throw bad("'surface' w and h must be >= 1");
                }
            }
            int clickCount = node.path("clickCount").asInt(action.equals("down") || action.equals("up") ? 1 : 0);
            if (clickCount < 0 || clickCount > 3) {
                throw bad("'clickCount' must be 0..3");
            }
            return new Inbound.Mouse(action, x, y, button, clickCount, node.path("deltaX").asDouble(0),
                    node.path("deltaY").asDouble(0), modifiers, sw, sh);
        }
        if (device.equals("key")) {
            if (!KEY_ACTIONS.contains(action)) {
                throw bad("key 'action' must be down, up or char");
            }
            String key = node.path("key").asText("");
            String text = node.path("text").asText("");
            if (key.length() > 64 || text.length() > 64 || node.path("code").asText("").length() > 64) {
                throw bad("key, code and text are at most 64 characters");
            }
            if (action.equals("char") ? text.isEmpty() : key.isEmpty()) {
                throw bad(action.equals("char") ? "key char needs 'text'" : "key " + action + " needs 'key'");
            }
            return new Inbound.Key(action, key, node.path("code").asText(""), text, modifiers);
        }
        throw bad("input 'device' must be mouse or key");
    }

    private static Inbound control(JsonNode node) throws ProtocolException {
        return switch (node.path("action").asText("")) {
            case "take" -> new Inbound.Control(true);
            case "release" -> new Inbound.Control(false);
            default -> throw bad("control 'action' must be take or release");
        };
    }

    private static Inbound stream(JsonNode node) throws ProtocolException {
        return new Inbound.Stream(optInt(node, "quality", 1, 100), optInt(node, "maxWidth", 64, 7680),
                optInt(node, "maxHeight", 64, 7680), optInt(node, "everyNthFrame", 1, 60),
                optBool(node, "binary"), optBool(node, "paused"));
    }

    private static double number(JsonNode node, String field) throws ProtocolException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || Math.abs(v.asDouble()) > MAX_COORD) {
            throw bad("'" + field + "' must be a finite number");
        }
        return v.asDouble();
    }

    private static Integer optInt(JsonNode node, String field, int min, int max) throws ProtocolException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw bad("'" + field + "' must be an integer " + min + ".." + max);
        }
        return v.asInt();
    }

    private static Boolean optBool(JsonNode node, String field) throws ProtocolException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw bad("'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(BAD_MESSAGE, message);
    }
}
