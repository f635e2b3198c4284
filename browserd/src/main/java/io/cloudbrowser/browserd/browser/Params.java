package io.cloudbrowser.browserd.browser;

import static io.cloudbrowser.protocol.ErrorCode.INVALID_PARAMS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import java.util.Set;

/** Typed reads of command params; each failure is an {@code invalid_params} error naming the field. */
final class Params {
    static final int MAX_TEXT = 64 * 1024;

    private final ObjectNode node;

    Params(ObjectNode node) {
        this.node = node;
    }

    String string(String field) throws ProtocolException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw invalid(field, "a non-empty string");
        }
        if (v.asText().length() > MAX_TEXT) {
            throw invalid(field, "at most " + MAX_TEXT + " characters");
        }
        return v.asText();
    }

    String optString(String field) throws ProtocolException {
        return node.hasNonNull(field) ? string(field) : null;
    }

    /** Like {@link #string} but an empty string is allowed (typing nothing is valid). */
    String text(String field) throws ProtocolException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().length() > MAX_TEXT) {
            throw invalid(field, "a string of at most " + MAX_TEXT + " characters");
        }
        return v.asText();
    }

    String oneOf(String field, Set<String> allowed, String dflt) throws ProtocolException {
        if (!node.hasNonNull(field)) {
            return dflt;
        }
        String v = node.get(field).asText();
        if (!node.get(field).isTextual() || !allowed.contains(v)) {
            throw invalid(field, "one of " + allowed);
        }
        return v;
    }

    int integer(String field, int min, int max) throws ProtocolException {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw invalid(field, "an integer " + min + ".." + max);
        }
        return v.asInt();
    }

    int optInt(String field, int dflt, int min, int max) throws ProtocolException {
        return node.hasNonNull(field) ? integer(field, min, max) : dflt;
    }

    boolean optBool(String field, boolean dflt) throws ProtocolException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw invalid(field, "true or false");
        }
        return v.asBoolean();
    }

    static ProtocolException invalid(String field, String expected) {
        return new ProtocolException(INVALID_PARAMS, "params." + field + ": expected " + expected);
    }
}
