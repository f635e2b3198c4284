package io.cloudbrowser.controlplane.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.protocol.Viewport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a job runs, as stored in its {@code request_json}: the protocol commands in order (a screenshot job is a
 * {@code navigate} and a {@code screenshot}), the viewport and the time the whole run may take. The API checked
 * every field before it was stored.
 */
public record JobSpec(JobType type, List<Step> steps, Viewport viewport, Duration timeout) {
    /** One protocol command. */
    public record Step(String method, ObjectNode params) {
        public Step {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(params, "params");
        }
    }

    public JobSpec {
        Objects.requireNonNull(type, "type");
        steps = List.copyOf(steps);
        Objects.requireNonNull(viewport, "viewport");
        Objects.requireNonNull(timeout, "timeout");
    }

    public String toJson(ObjectMapper json) {
        ObjectNode out = json.createObjectNode().put("type", type.wireName());
        ArrayNode list = out.putArray("steps");
        steps.forEach(s -> list.addObject().put("method", s.method()).set("params", s.params()));
        out.putObject("viewport").put("w", viewport.w()).put("h", viewport.h()).put("dpr", viewport.dpr());
        out.put("timeoutSeconds", timeout.toSeconds());
        return out.toString();
    }

    public static JobSpec fromJson(ObjectMapper json, String text) {
        try {
            JsonNode node = json.readTree(text);
            List<Step> steps = new ArrayList<>();
            node.path("steps").forEach(s -> steps.add(new Step(s.path("method").asText(), (ObjectNode) s.path("params"))));
            JsonNode v = node.path("viewport");
            return new JobSpec(JobType.fromWireName(node.path("type").asText()).orElseThrow(), steps,
                    new Viewport(v.path("w").asInt(), v.path("h").asInt(), v.path("dpr").asDouble()),
                    Duration.ofSeconds(node.path("timeoutSeconds").asLong()));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored job request is JSON", e);
        }
    }
}
