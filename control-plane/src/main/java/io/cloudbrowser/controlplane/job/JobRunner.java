package io.cloudbrowser.controlplane.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.artifact.ArtifactKeys;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.config.JobsConfig;
import io.cloudbrowser.controlplane.sandbox.BrowserdLink;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.controlplane.session.WarmPool;
import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.token.TokenMinter;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.token.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a job: a sandbox from the warm pool when one fits (else a fresh one from the provider),
 * browserd driven over its WebSocket with a controller token like any script, each step and the page's console
 * logged, screenshots stored as outputs, the outcome recorded (fenced on the attempt's lease), the sandbox stopped.
 */
final class JobRunner {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final int LOGGED_CHARS = 300;
    private static final int SCREENSHOT_TRIES = 3;

    private final JobStore store;
    private final SandboxProvider provider;
    private final WarmPool pool;
    private final TokenMinter minter;
    private final ArtifactStore artifacts;
    private final ObjectMapper json;
    private final JobsConfig config;
    private final Executor cleanup;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JobRunner(JobStore store, SandboxProvider provider, WarmPool pool, TokenMinter minter, ArtifactStore artifacts,
              ObjectMapper json, JobsConfig config, Executor cleanup, Clock clock) {
        this.store = store;
        this.provider = provider;
        this.pool = pool;
        this.minter = minter;
        this.artifacts = artifacts;
        this.json = json;
        this.config = config;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    /** Runs the attempt to its end; the job's record says how it ended (unless the attempt lost its lease). */
    void run(JobAttempt attempt) {
        JobRecord job = attempt.claimed();
        JobSpec spec = JobSpec.fromJson(json, job.requestJson());
        attempt.log("attempt " + job.attempts() + " of " + job.maxAttempts() + " on replica " + attempt.owner());
        Sandbox sandbox = null;
        try {
            sandbox = sandbox(attempt, spec);
            JobRecord current = job.advanced(JobStatus.PROVISIONED, clock.instant());
            if (!attempt.write(current)) {
                return;
            }
            Outcome outcome = drive(attempt, sandbox, spec, current);
            if (!attempt.aborted() && store.complete(attempt.owner(), attempt.number(),
                    outcome.running.completed(outcome.results.toString(), clock.instant()), outcome.outputs)) {
                attempt.log("completed with " + outcome.outputs.size() + " outputs");
                log.info("job {} completed (attempt {})", job.id(), job.attempts());
            }
        } catch (JobFault fault) {
            failed(attempt, fault);
        } catch (RuntimeException e) {
            log.error("job {}: attempt {} failed unexpectedly", job.id(), job.attempts(), e);
            failed(attempt, new JobFault(ErrorCode.INTERNAL, "the runner failed: " + e));
        } finally {
            if (sandbox != null) {
                Sandbox started = sandbox;
                cleanup.execute(() -> provider.stop(started));
            }
        }
    }

    private Sandbox sandbox(JobAttempt attempt, JobSpec spec) throws JobFault {
        Duration life = spec.timeout().plus(GRACE);
        SandboxSpec sandboxSpec = SandboxSpec.forSession(attempt.sandboxSession(), spec.viewport(), life, life,
                Optional.empty());
        long started = System.nanoTime();
        Optional<Sandbox> warm = pool.claim(sandboxSpec);
        Sandbox sandbox;
        try {
            sandbox = warm.isPresent() ? warm.get() : provider.create(sandboxSpec);
        } catch (SandboxException e) {
            throw new JobFault(ErrorCode.SANDBOX_FAILED, "the sandbox did not start: " + e.getMessage());
        }
        attempt.log("sandbox " + sandbox.id() + (warm.isPresent() ? " from the warm pool" : " started") + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        return sandbox;
    }

    private record Outcome(JobRecord running, ArrayNode results, List<JobOutput> outputs) {
    }

    private Outcome drive(JobAttempt attempt, Sandbox sandbox, JobSpec spec, JobRecord provisioned) throws JobFault {
        Instant deadline = clock.instant().plus(spec.timeout());
        String token = minter.sessionToken(attempt.sandboxSession(), provisioned.tenant(), Role.CONTROLLER,
                deadline.plus(GRACE)).jwt();
        URI ws = URI.create(sandbox.baseUrl().replaceFirst("^http", "ws") + "/ws");
        BrowserdLink link = await(BrowserdLink.open(http, json, provisioned.tenant(), ws, token,
                event -> pageEvent(attempt, event)), deadline, "connect");
        attempt.linked(link);
        try {
            JobRecord running = provisioned.advanced(JobStatus.RUNNING, clock.instant());
            if (!attempt.write(running)) {
                throw new JobFault(ErrorCode.JOB_INTERRUPTED, "the attempt lost its lease");
            }
            ArrayNode results = json.createArrayNode();
            List<JobOutput> outputs = new ArrayList<>();
            List<JobSpec.Step> steps = spec.steps();
            for (int i = 0; i < steps.size(); i++) {
                JobSpec.Step step = steps.get(i);
                String label = "step " + (i + 1) + " " + step.method();
                attempt.log(label + " " + brief(step.params().toString()));
                JsonNode result = run(attempt, link, step, deadline, label);
                ObjectNode entry = results.addObject().put("step", i + 1).put("method", step.method());
                if (step.method().equals("screenshot")) {
                    JobOutput output = store(attempt, spec, i, result);
                    outputs.add(output);
                    entry.putObject("result").put("output", output.name()).put("format", result.path("format").asText())
                            .put("bytes", output.bytes());
                    attempt.log(label + ": ok, output " + output.name() + " (" + output.bytes() + " bytes)");
                } else {
                    entry.set("result", result);
                    attempt.log(label + ": ok " + brief(result.toString()));
                }
            }
            return new Outcome(running, results, outputs);
        } finally {
            link.close();
        }
    }

    /**
     * One step. A screenshot Chromium could not capture yet (a sandbox whose first frame is not painted: CDP's
     * "Unable to capture screenshot") is asked for again, twice at most, before it fails the job.
     */
    private JsonNode run(JobAttempt attempt, BrowserdLink link, JobSpec.Step step, Instant deadline, String label)
            throws JobFault {
        for (int tries = 1; ; tries++) {
            try {
                return await(link.command(step.method(), step.params()), deadline, label);
            } catch (JobFault fault) {
                if (!step.method().equals("screenshot") || fault.code() != ErrorCode.COMMAND_FAILED
                        || tries == SCREENSHOT_TRIES || attempt.aborted()) {
                    throw fault;
                }
                attempt.log(label + ": not captured (" + fault.getMessage() + "), trying again");
                pause(Duration.ofMillis(300));
            }
        }
    }

    private static void pause(Duration wait) throws JobFault {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFault(ErrorCode.JOB_INTERRUPTED, "the control plane is stopping");
        }
    }

    private JobOutput store(JobAttempt attempt, JobSpec spec, int index, JsonNode result) {
        String format = result.path("format").asText("png");
        String name = (spec.type() == JobType.SCREENSHOT ? "screenshot" : "step-" + (index + 1)) + "." + format;
        byte[] bytes = Base64.getDecoder().decode(result.path("data").asText());
        String key = ArtifactKeys.of(attempt.id(), attempt.number(), name);
        String contentType = ArtifactKeys.contentType(name);
        artifacts.put(key, contentType, bytes);
        Instant now = clock.instant();
        return new JobOutput(attempt.id(), name, contentType, bytes.length, key, now, now.plus(config.outputRetention()));
    }

    private static <T> T await(CompletableFuture<T> pending, Instant deadline, String what)
            throws JobFault {
        long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        try {
            return pending.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new JobFault(ErrorCode.JOB_TIMEOUT, what + ": the job ran past its timeoutSeconds");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BrowserdLink.CommandError command) {
                ErrorCode code = command.code() == ErrorCode.SESSION_NOT_ACTIVE ? ErrorCode.SANDBOX_FAILED : command.code();
                String message = command.code() == ErrorCode.SESSION_NOT_ACTIVE
                        ? "the connection to the sandbox closed (it stopped?)" : command.getMessage();
                throw new JobFault(code, what + ": " + message);
            }
            throw new JobFault(ErrorCode.SANDBOX_FAILED, what + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFault(ErrorCode.JOB_INTERRUPTED, what + ": the control plane is stopping");
        }
    }

    /** Console messages, page errors and browser events, as the page produced them. */
    private void pageEvent(JobAttempt attempt, JsonNode event) {
        String name = event.path("name").asText();
        JsonNode data = event.path("data");
        String line = switch (name) {
            case "console" -> "console." + data.path("level").asText("log") + ": " + data.path("text").asText();
            case "error" -> "page error " + data.path("code").asText() + ": " + data.path("message").asText();
            default -> "event " + name + " " + data;
        };
        if (!name.equals("control")) {
            attempt.log(brief(line));
        }
    }

    private void failed(JobAttempt attempt, JobFault fault) {
        if (attempt.aborted()) {
            return;
        }
        JobRecord job = attempt.claimed();
        Instant now = clock.instant();
        JobRecord next;
        if (!fault.retriable()) {
            next = job.failed(fault.code().wireName(), fault.getMessage(), false, now);
            attempt.log("failed: " + fault.code().wireName() + ": " + fault.getMessage());
        } else if (job.attemptsLeft()) {
            Duration wait = config.retryBackoff().multipliedBy(1L << Math.min(10, job.attempts() - 1));
            next = job.requeued(fault.code().wireName(), fault.getMessage(), now.plus(wait));
            attempt.log("attempt " + job.attempts() + " failed (" + fault.code().wireName() + ": " + fault.getMessage()
                    + "); queued again, due in " + wait.toMillis() + " ms");
        } else {
            next = job.failed(fault.code().wireName(), fault.getMessage(), true, now);
            attempt.log("failed after " + job.attempts() + " attempts, dead-lettered: " + fault.code().wireName() + ": "
                    + fault.getMessage());
        }
        attempt.write(next);
        log.info("job {} attempt {}: {} ({})", job.id(), job.attempts(), next.status(), fault.code().wireName());
    }

    private static String brief(String text) {
        return text.length() > LOGGED_CHARS ? text.substring(0, LOGGED_CHARS) + "..." : text;
    }
}
