package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.job.JobLogEvent;
import io.cloudbrowser.controlplane.job.JobOutput;
import io.cloudbrowser.controlplane.job.JobRecord;
import io.cloudbrowser.controlplane.job.JobSpec;
import io.cloudbrowser.controlplane.job.JobStatus;
import io.cloudbrowser.controlplane.job.JobView;
import io.cloudbrowser.controlplane.store.JobLogPage;
import io.cloudbrowser.protocol.WireTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Jobs, their outputs (with signed URLs made now) and their logs, as JSON. */
final class JobJson {
    private final ObjectMapper json;
    private final ArtifactStore artifacts;
    private final Duration urlTtl;
    private final Clock clock;

    JobJson(ObjectMapper json, ArtifactStore artifacts, Duration urlTtl, Clock clock) {
        this.json = json;
        this.artifacts = artifacts;
        this.urlTtl = urlTtl;
        this.clock = clock;
    }

    ObjectNode job(JobView view) {
        JobRecord r = view.record();
        ObjectNode out = json.createObjectNode().put("id", r.id()).put("type", r.type().wireName())
                .put("status", r.status().name()).put("attempts", r.attempts()).put("maxAttempts", r.maxAttempts())
                .put("deadLettered", r.deadLettered());
        out.put("createdAt", WireTime.format(r.createdAt()));
        if (r.status() == JobStatus.QUEUED) {
            out.put("runAfter", WireTime.format(r.runAfter()));
        }
        putTime(out, "provisioningAt", r.provisioningAt());
        putTime(out, "provisionedAt", r.provisionedAt());
        putTime(out, "runningAt", r.runningAt());
        putTime(out, "endedAt", r.endedAt());
        if (r.errorCode() != null) {
            out.putObject("error").put("code", r.errorCode()).put("message", r.errorMessage());
        }
        JobSpec spec = JobSpec.fromJson(json, r.requestJson());
        ObjectNode request = out.putObject("request");
        request.putObject("viewport").put("w", spec.viewport().w()).put("h", spec.viewport().h())
                .put("dpr", spec.viewport().dpr());
        request.put("timeoutSeconds", spec.timeout().toSeconds());
        ArrayNode steps = request.putArray("steps");
        spec.steps().forEach(s -> steps.addObject().put("method", s.method()).set("params", s.params()));
        if (r.webhookUrl() != null) {
            out.put("webhookUrl", r.webhookUrl());
        }
        if (r.resultJson() != null) {
            out.set("results", parse(r.resultJson()));
        }
        ArrayNode outputs = out.putArray("outputs");
        view.outputs().forEach(o -> outputs.add(output(o)));
        return out;
    }

    private ObjectNode output(JobOutput o) {
        Instant wanted = clock.instant().plus(urlTtl);
        Instant expires = wanted.isBefore(o.expiresAt()) ? wanted : o.expiresAt();
        return json.createObjectNode().put("name", o.name()).put("contentType", o.contentType()).put("bytes", o.bytes())
                .put("url", artifacts.url(o.key(), expires).toString()).put("expiresAt", WireTime.format(expires));
    }

    /** {@code {events:[{timestamp, time, message, attempt}], count, next_token}}: timestamp in epoch ms. */
    ObjectNode logs(JobLogPage page) {
        ObjectNode out = json.createObjectNode();
        ArrayNode events = out.putArray("events");
        for (JobLogEvent e : page.events()) {
            events.addObject().put("timestamp", e.time().toEpochMilli()).put("time", WireTime.format(e.time()))
                    .put("message", e.message()).put("attempt", e.attempt());
        }
        out.put("count", page.events().size());
        out.put("next_token", page.next().isPresent() ? Long.toString(page.next().getAsLong()) : null);
        return out;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job results are JSON", e);
        }
    }

    private static void putTime(ObjectNode out, String name, Instant time) {
        if (time != null) {
            out.put(name, WireTime.format(time));
        }
    }
}
