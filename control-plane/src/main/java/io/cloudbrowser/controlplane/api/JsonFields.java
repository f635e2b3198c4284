package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.protocol.ErrorCode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/** Strict reading of request bodies: every wrong field is a 400 that names it. */
final class JsonFields {
    private JsonFields() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static ObjectNode object(ObjectMapper json, byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.BAD_JSON, "body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ErrorCode.BAD_JSON, "body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static void onlyKnown(ObjectNode object, String prefix, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.field(ErrorCode.UNKNOWN_FIELD, prefix + name, "unknown field " + prefix + name
                        + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    static OptionalInt integer(ObjectNode object, String prefix, String name, int min, int max) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()
                || value.intValue() < min || value.intValue() > max) {
            throw invalid(prefix + name, "an integer in " + min + ".." + max, value);
        }
        return OptionalInt.of(value.intValue());
    }

    static OptionalDouble number(ObjectNode object, String prefix, String name, double min, double max) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            throw invalid(prefix + name, "a number in " + min + ".." + max, value);
        }
        return OptionalDouble.of(value.doubleValue());
    }

    static Optional<String> string(ObjectNode object, String name, int maxLength) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > maxLength) {
            throw invalid(name, "a string of 1.." + maxLength + " characters", value);
        }
        return Optional.of(value.textValue());
    }

    static Optional<ObjectNode> object(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid(name, "an object", value);
        }
        return Optional.of((ObjectNode) value);
    }

    static ApiException invalid(String field, String expected, Object actual) {
        String shown = String.valueOf(actual);
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return ApiException.field(ErrorCode.INVALID_FIELD, field, field + ": " + shown + " (expected: " + expected + ")");
    }
}
