package io.cloudbrowser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wrong versions of a valid JSON message, for the abuse drills: every field (nested ones too) removed or replaced
 * by a value of each wrong kind (null, booleans, zero, negative, huge and fractional numbers, empty, long and
 * control-character strings, arrays, objects), an unknown field, the text cut at many points, and junk that is
 * not a JSON object at all (empty, scalars, unbalanced, deeply nested). Deterministic: the same base gives the same
 * cases, so a failing case can be named and rerun.
 */
public final class JsonMutations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonMutations() {
    }

    /** The wrong values a field is replaced with. */
    static List<JsonNode> wrongValues() {
        ObjectNode nested = F.objectNode();
        nested.putObject("a").putObject("b").put("c", 1);
        ArrayNode array = F.arrayNode().add(1).add("two").addNull();
        return List.of(F.nullNode(), F.booleanNode(true), F.booleanNode(false), F.numberNode(0), F.numberNode(-1),
                F.numberNode(-2147483649L), F.numberNode(1e308), F.numberNode(0.5),
                F.numberNode(new BigInteger("123456789012345678901234567890")), F.textNode(""),
                F.textNode("x".repeat(10_000)), F.textNode("\u0000\u001b[31m\r\n\u202e"), F.textNode("../../etc/passwd"),
                F.textNode("javascript:alert(1)"), array, F.arrayNode(), nested, F.objectNode());
    }

    /** Text that is not a JSON object of any use. */
    public static List<String> junk() {
        List<String> junk = new ArrayList<>(List.of("", " ", "null", "true", "0", "-1", "1e999", "\"text\"", "[]",
                "[{}]", "{", "}", "{}", "{\"a\":", "{\"a\" 1}", "{'a': 1}", "{\"a\":1,}", "{\"a\":1}{\"b\":2}",
                "\u0000", "{\"\u0000\":0}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\u00\"}", "/* */{}"));
        junk.add("[".repeat(100_000) + "]".repeat(100_000));
        junk.add("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
        return junk;
    }

    /**
     * Every mutation of {@code base} as JSON text, in a fixed order.
     *
     * @param cutEvery cut the text after every {@code cutEvery}-th character (1 = every prefix)
     */
    public static List<String> of(String base, int cutEvery) {
        JsonNode root;
        try {
            root = JSON.readTree(base);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + base, e);
        }
        Set<String> out = new LinkedHashSet<>();
        mutateFields((ObjectNode) root, root, out);
        ObjectNode extra = root.deepCopy();
        extra.put("unexpectedField", "x");
        out.add(extra.toString());
        for (int i = 0; i < base.length(); i += Math.max(1, cutEvery)) {
            out.add(base.substring(0, i));
        }
        out.add(base.replaceFirst("\\{", "{\"type\":\"ping\","));
        out.remove(base);
        return new ArrayList<>(out);
    }

    private static void mutateFields(ObjectNode node, JsonNode root, Set<String> out) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode original = node.get(name);
            node.remove(name);
            out.add(root.toString());
            for (JsonNode wrong : wrongValues()) {
                node.set(name, wrong);
                out.add(root.toString());
            }
            node.set(name, original);
            if (original instanceof ObjectNode child) {
                mutateFields(child, root, out);
            }
            reorder(node, names);
        }
    }

    /** Puts the fields back in their first order, so the output does not depend on what was mutated before. */
    private static void reorder(ObjectNode node, List<String> names) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        for (String n : names) {
            copy.put(n, node.get(n));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            it.next();
            it.remove();
        }
        copy.forEach(node::set);
    }
}
