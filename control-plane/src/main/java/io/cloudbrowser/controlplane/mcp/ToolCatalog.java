package io.cloudbrowser.controlplane.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MCP tools: names, descriptions and input schemas ({@code tools/list}). Every tool but {@code session_create}
 * and {@code session_list} takes the session id: sessions outlive MCP connections, and two agents on two sessions
 * never share state here.
 */
final class ToolCatalog {
    /** One tool; {@code command} is the browserd command it runs, if it runs one. */
    record Tool(String name, String description, ObjectNode inputSchema, Optional<String> command) {
        Set<String> argumentNames() {
            Set<String> names = new java.util.HashSet<>();
            inputSchema.path("properties").fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    private final ObjectMapper json;
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    ToolCatalog(ObjectMapper json) {
        this.json = json;
        define("session_create", "Start a new remote browser session (a real Chromium). Returns its id, which every "
                + "other tool takes, and a viewerUrl a person can open to watch and take control.", null, schema(List.of(),
                prop("viewport", object().put("description", "CSS viewport {w 200..3840, h 200..2160, dpr 1..3}")),
                prop("ttlSeconds", integer("how long the session may live")),
                prop("idleTimeoutSeconds", integer("end the session after this long without use")),
                prop("startUrl", string("page to open first"))));
        define("session_list", "List your sessions, newest first.", null, schema(List.of(),
                prop("limit", integer("1..100, default 20")), prop("cursor", string("nextCursor of the previous page"))));
        define("session_end", "End a session and its browser.", null, session());
        define("navigate", "Open a URL in the session's page and wait for it to load.", "navigate", session(
                prop("url", string("http(s) URL")),
                prop("waitUntil", enumOf("load", "domcontentloaded", "networkidle", "commit")),
                prop("timeoutMs", integer("default 30000"))));
        define("snapshot", "The page's accessibility tree as YAML. Interactive elements carry a ref (e12) for "
                + "click, type, press and hover; take a new snapshot after the page changed.", "snapshot", session());
        define("click", "Click an element, by ref from the latest snapshot (or a CSS/Playwright selector).", "click",
                session(targetProps(prop("timeoutMs", integer("default 30000")))));
        define("type", "Type text into an editable element by ref (or selector): fills it at once, or key by key "
                + "with slowly; submit presses Enter after.", "fill",
                session(List.of("text"), targetProps(prop("text", string("the text to type")),
                        prop("submit", bool("press Enter after typing")),
                        prop("slowly", bool("one key at a time, for pages that react to each key")))));
        define("press", "Press a key (Enter, Tab, ArrowDown, Control+A, ...) on an element by ref or selector, or on "
                + "the focused element.", "press", session(List.of("key"), targetProps(prop("key", string("key name")))));
        define("hover", "Move the mouse over an element, by ref (or selector).", "hover", session(targetProps()));
        define("wait_for", "Wait until an element matching a selector reaches a state.", "waitForSelector", session(
                List.of("selector"), List.of(prop("selector", string("CSS or Playwright selector, e.g. text=Done")),
                        prop("state", enumOf("visible", "attached", "detached", "hidden")),
                        prop("timeoutMs", integer("default 30000")))));
        define("screenshot", "A picture of the page.", "screenshot", session(prop("fullPage", bool("the whole page")),
                prop("format", enumOf("png", "jpeg"))));
        define("state", "The page's URL, title and viewport.", "state", session());
        define("takeover_link", "A link a person opens to watch the session and take control (valid ttlSeconds, "
                + "default 3600).", null, session(prop("ttlSeconds", integer("how long the link works"))));
        define("handoff", "Ask a person to take over (a login, a captcha, a decision) and wait until they hand "
                + "control back. Shows the request in every viewer; returns the takeover link in a progress message "
                + "and in the result. Meanwhile your other commands are refused with control_held.", "handoff",
                session(List.of("reason"), List.of(prop("reason", string("what the person should do")),
                        prop("timeoutMs", integer("how long to wait, default 600000")))));
    }

    Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The {@code tools/list} result. */
    ObjectNode list() {
        ObjectNode result = json.createObjectNode();
        ArrayNode out = result.putArray("tools");
        for (Tool t : tools.values()) {
            out.addObject().put("name", t.name()).put("description", t.description()).set("inputSchema", t.inputSchema());
        }
        return result;
    }

    private void define(String name, String description, String command, ObjectNode schema) {
        tools.put(name, new Tool(name, description, schema, Optional.ofNullable(command)));
    }

    private record Prop(String name, ObjectNode schema) {
    }

    private ObjectNode session(Prop... props) {
        return session(List.of(), List.of(props));
    }

    private ObjectNode session(List<String> required, List<Prop> props) {
        List<Prop> all = new java.util.ArrayList<>();
        all.add(prop("sessionId", string("the session's id, from session_create or session_list")));
        all.addAll(props);
        List<String> req = new java.util.ArrayList<>(List.of("sessionId"));
        req.addAll(required);
        return schema(req, all.toArray(Prop[]::new));
    }

    private ObjectNode session(List<Prop> props) {
        return session(List.of(), props);
    }

    private List<Prop> targetProps(Prop... more) {
        List<Prop> props = new java.util.ArrayList<>(List.of(prop("ref", string("ref from the latest snapshot, e.g. e12")),
                prop("selector", string("CSS or Playwright selector, when there is no ref"))));
        props.addAll(List.of(more));
        return props;
    }

    private ObjectNode schema(List<String> required, Prop... props) {
        ObjectNode s = object();
        ObjectNode properties = s.putObject("properties");
        for (Prop p : props) {
            properties.set(p.name(), p.schema());
        }
        if (!required.isEmpty()) {
            ArrayNode r = s.putArray("required");
            required.forEach(r::add);
        }
        s.put("additionalProperties", false);
        return s;
    }

    private static Prop prop(String name, ObjectNode schema) {
        return new Prop(name, schema);
    }

    private ObjectNode object() {
        return json.createObjectNode().put("type", "object");
    }

    private ObjectNode string(String description) {
        return json.createObjectNode().put("type", "string").put("description", description);
    }

    private ObjectNode integer(String description) {
        return json.createObjectNode().put("type", "integer").put("description", description);
    }

    private ObjectNode bool(String description) {
        return json.createObjectNode().put("type", "boolean").put("description", description);
    }

    private ObjectNode enumOf(String... values) {
        ObjectNode s = json.createObjectNode().put("type", "string");
        ArrayNode e = s.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        return s;
    }
}
