package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.job.JobSpec;
import io.cloudbrowser.controlplane.job.JobType;
import io.cloudbrowser.controlplane.job.NewJob;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * POST /api/jobs: {@code {"type":"screenshot","url",...}} or {@code {"type":"script","steps":[...]}}, every field
 * checked here (the step params themselves are browserd's to check: a bad one fails the job as a bad step).
 */
final class CreateJobBody {
    static final int MAX_STEPS = 100;
    static final int MAX_TIMEOUT_SECONDS = 600;
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The WebSocket protocol's commands, less {@code handoff}: no person waits on a job. */
    static final Set<String> METHODS = Set.of("navigate", "reload", "goBack", "goForward", "click", "dblclick",
            "hover", "type", "fill", "press", "snapshot", "waitForSelector", "setViewport", "evaluate", "screenshot",
            "state");
    private static final Set<String> SCREENSHOT_FIELDS = Set.of("type", "url", "fullPage", "format", "quality",
            "viewport", "waitUntil", "timeoutSeconds", "webhookUrl");
    private static final Set<String> SCRIPT_FIELDS = Set.of("type", "steps", "viewport", "timeoutSeconds", "webhookUrl");
    private static final Set<String> STEP_FIELDS = Set.of("method", "params");
    private static final Set<String> WAIT_UNTIL = Set.of("load", "domcontentloaded", "networkidle", "commit");
    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private CreateJobBody() {
    }

    static NewJob parse(ObjectMapper json, byte[] body, Viewport defaultViewport, UrlPolicy webhookPolicy,
                        Optional<String> idempotencyKey) {
        idempotencyKey.ifPresent(CreateJobBody::checkKey);
        ObjectNode request = JsonFields.object(json, body);
        String typeName = JsonFields.string(request, "type", 16)
                .orElseThrow(() -> JsonFields.invalid("type", "screenshot or script", null));
        JobType type = JobType.fromWireName(typeName)
                .orElseThrow(() -> JsonFields.invalid("type", "screenshot or script", typeName));
        JsonFields.onlyKnown(request, "", type == JobType.SCREENSHOT ? SCREENSHOT_FIELDS : SCRIPT_FIELDS);
        Viewport viewport = JsonFields.object(request, "viewport")
                .map(v -> CreateSessionBody.viewport(v, defaultViewport)).orElse(defaultViewport);
        int timeout = JsonFields.integer(request, "", "timeoutSeconds", 1, MAX_TIMEOUT_SECONDS).orElse(DEFAULT_TIMEOUT_SECONDS);
        List<JobSpec.Step> steps = type == JobType.SCREENSHOT ? screenshot(json, request, timeout) : script(request);
        Optional<String> webhook = JsonFields.string(request, "webhookUrl", CreateSessionBody.MAX_URL_LENGTH);
        webhook.ifPresent(url -> checkWebhook(webhookPolicy, url));
        return new NewJob(new JobSpec(type, steps, viewport, Duration.ofSeconds(timeout)), webhook, idempotencyKey);
    }

    private static List<JobSpec.Step> screenshot(ObjectMapper json, ObjectNode request, int timeoutSeconds) {
        String url = JsonFields.string(request, "url", CreateSessionBody.MAX_URL_LENGTH)
                .orElseThrow(() -> JsonFields.invalid("url", "the URL to take a screenshot of", null));
        CreateSessionBody.checkUrl("url", url);
        ObjectNode navigate = json.createObjectNode().put("url", url).put("timeoutMs", timeoutSeconds * 1000);
        oneOf(request, "waitUntil", WAIT_UNTIL).ifPresent(w -> navigate.put("waitUntil", w));
        ObjectNode shot = json.createObjectNode();
        bool(request, "fullPage").ifPresent(f -> shot.put("fullPage", f));
        Optional<String> format = oneOf(request, "format", FORMATS);
        format.ifPresent(f -> shot.put("format", f));
        JsonFields.integer(request, "", "quality", 1, 100).ifPresent(q -> {
            if (!format.equals(Optional.of("jpeg"))) {
                throw JsonFields.invalid("quality", "only with format jpeg", q);
            }
            shot.put("quality", q);
        });
        return List.of(new JobSpec.Step("navigate", navigate), new JobSpec.Step("screenshot", shot));
    }

    private static List<JobSpec.Step> script(ObjectNode request) {
        JsonNode value = request.get("steps");
        if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_STEPS) {
            throw JsonFields.invalid("steps", "an array of 1.." + MAX_STEPS + " steps", value);
        }
        List<JobSpec.Step> steps = new ArrayList<>();
        ArrayNode array = (ArrayNode) value;
        for (int i = 0; i < array.size(); i++) {
            String prefix = "steps[" + i + "].";
            JsonNode step = array.get(i);
            if (!step.isObject()) {
                throw JsonFields.invalid("steps[" + i + "]", "an object {method, params?}", step);
            }
            ObjectNode object = (ObjectNode) step;
            JsonFields.onlyKnown(object, prefix, STEP_FIELDS);
            JsonNode method = object.get("method");
            if (method == null || !method.isTextual() || !METHODS.contains(method.textValue())) {
                throw JsonFields.invalid(prefix + "method", "a protocol command: " + String.join(", ",
                        METHODS.stream().sorted().toList()), method);
            }
            JsonNode params = object.get("params");
            if (params != null && !params.isNull() && !params.isObject()) {
                throw JsonFields.invalid(prefix + "params", "an object", params);
            }
            steps.add(new JobSpec.Step(method.textValue(), params == null || params.isNull()
                    ? object.objectNode() : (ObjectNode) params));
        }
        return steps;
    }

    private static Optional<String> oneOf(ObjectNode request, String name, Set<String> allowed) {
        Optional<String> value = JsonFields.string(request, name, 32);
        value.filter(v -> !allowed.contains(v)).ifPresent(v -> {
            throw JsonFields.invalid(name, "one of " + String.join(", ", allowed.stream().sorted().toList()), v);
        });
        return value;
    }

    private static Optional<Boolean> bool(ObjectNode request, String name) {
        JsonNode value = request.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw JsonFields.invalid(name, "true or false", value);
        }
        return Optional.of(value.booleanValue());
    }

    private static void checkWebhook(UrlPolicy policy, String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw JsonFields.invalid("webhookUrl", "an http(s) URL", url);
        }
        UrlPolicy.Decision decision = policy.check(url);
        if (!decision.allowed()) {
            throw ApiException.field(ErrorCode.WEBHOOK_URL_REFUSED, "webhookUrl", "webhookUrl refused: " + decision.reason());
        }
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ApiException.field(ErrorCode.INVALID_FIELD, IDEMPOTENCY_KEY, IDEMPOTENCY_KEY
                    + ": expected 1..255 printable ASCII characters");
        }
    }
}
