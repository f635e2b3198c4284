package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.api.http.ApiRequest;
import io.cloudbrowser.controlplane.api.http.ApiResponse;
import io.cloudbrowser.controlplane.api.http.Route;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.job.JobException;
import io.cloudbrowser.controlplane.job.JobService;
import io.cloudbrowser.controlplane.job.JobStatus;
import io.cloudbrowser.controlplane.job.JobView;
import io.cloudbrowser.controlplane.job.NewJob;
import io.cloudbrowser.controlplane.store.SessionPage;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The jobs API: its routes, request parsing, and the mapping of job errors to answers. */
public final class JobsApi {
    static final int MAX_LOG_PAGE = 500;
    static final int DEFAULT_LOG_PAGE = 200;
    private static final Set<String> POST_PARAMS = Set.of("wait");
    private static final Set<String> LIST_PARAMS = Set.of("status", "limit", "cursor");
    private static final Set<String> LOG_PARAMS = Set.of("limit", "next_token");

    private final JobService jobs;
    private final ObjectMapper json;
    private final JobJson render;
    private final Viewport defaultViewport;
    private final UrlPolicy webhookPolicy;

    public JobsApi(JobService jobs, ObjectMapper json, ArtifactStore artifacts, Viewport defaultViewport,
                   UrlPolicy webhookPolicy, Clock clock) {
        this.jobs = jobs;
        this.json = json;
        this.render = new JobJson(json, artifacts, jobs.config().urlTtl(), clock);
        this.defaultViewport = defaultViewport;
        this.webhookPolicy = webhookPolicy;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/jobs", guarded(this::submit)),
                new Route("GET", "/api/jobs", guarded(this::list)),
                new Route("GET", "/api/jobs/{id}", guarded(this::get)),
                new Route("DELETE", "/api/jobs/{id}", guarded(this::cancel)),
                new Route("POST", "/api/jobs/{id}/retry", guarded(this::retry)),
                new Route("GET", "/api/jobs/{id}/logs", guarded(this::logs)));
    }

    /** The body a job's webhook POSTs: the job as {@code GET /api/jobs/:id} answers it. */
    public Optional<byte[]> webhookBody(String id) {
        return jobs.find(id).map(view -> render.job(view).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** 202 while the job is not ended, 200 with the ended job ({@code ?wait=} seconds, or a replayed key). */
    private CompletableFuture<ApiResponse> submit(ApiRequest request) {
        onlyKnown(request, POST_PARAMS);
        Optional<Duration> wait = request.queryParam("wait").map(text -> Duration.ofSeconds(
                number("wait", text, 0, (int) jobs.config().maxWait().toSeconds())));
        NewJob job = CreateJobBody.parse(json, request.body(), defaultViewport, webhookPolicy,
                request.header("idempotency-key"));
        return jobs.submit(request.userId(), job).thenCompose(submitted -> {
            String id = submitted.job().id();
            Map<String, String> headers = submitted.created() ? Map.of() : Map.of("Idempotent-Replayed", "true");
            CompletableFuture<JobView> view;
            if (wait.filter(w -> !w.isZero()).isPresent()) {
                view = jobs.awaitEnd(request.userId(), id, wait.get());
            } else if (submitted.created()) { // as stored: QUEUED, even if a worker claimed it meanwhile
                view = CompletableFuture.completedFuture(new JobView(submitted.job(), List.of()));
            } else {
                view = jobs.get(request.userId(), id);
            }
            return view.thenApply(v -> new ApiResponse(v.record().status().isEnded() ? 200 : 202,
                    Optional.of(render.job(v)), headers));
        });
    }

    private CompletableFuture<ApiResponse> get(ApiRequest request) {
        return jobs.get(request.userId(), request.pathParam("id")).thenApply(v -> ApiResponse.ok(render.job(v)));
    }

    private CompletableFuture<ApiResponse> list(ApiRequest request) {
        onlyKnown(request, LIST_PARAMS);
        int limit = request.queryParam("limit").map(t -> number("limit", t, 1, SessionsApi.MAX_PAGE))
                .orElse(SessionsApi.DEFAULT_PAGE);
        Optional<JobStatus> status = request.queryParam("status").map(t -> JobStatus.parse(t)
                .orElseThrow(() -> JsonFields.invalid("status", "a job status (QUEUED, ..., COMPLETED, FAILED, CANCELLED)", t)));
        Optional<SessionPage.Cursor> cursor = request.queryParam("cursor").map(SessionsApi::cursor);
        return jobs.list(request.userId(), status, cursor, limit).thenApply(page -> {
            ObjectNode out = json.createObjectNode();
            ArrayNode items = out.putArray("jobs");
            page.jobs().forEach(job -> items.add(render.job(new JobView(job, job.status() == JobStatus.COMPLETED
                    ? jobs.outputs(job.id()) : List.of()))));
            out.put("nextCursor", page.next().map(SessionPage.Cursor::encode).orElse(null));
            return ApiResponse.ok(out);
        });
    }

    private CompletableFuture<ApiResponse> cancel(ApiRequest request) {
        return jobs.cancel(request.userId(), request.pathParam("id")).thenApply(v -> ApiResponse.ok(render.job(v)));
    }

    private CompletableFuture<ApiResponse> retry(ApiRequest request) {
        return jobs.retry(request.userId(), request.pathParam("id"))
                .thenApply(v -> ApiResponse.status(202, render.job(v)));
    }

    private CompletableFuture<ApiResponse> logs(ApiRequest request) {
        onlyKnown(request, LOG_PARAMS);
        int limit = request.queryParam("limit").map(t -> number("limit", t, 1, MAX_LOG_PAGE)).orElse(DEFAULT_LOG_PAGE);
        long after = request.queryParam("next_token").map(JobsApi::token).orElse(0L);
        return jobs.logs(request.userId(), request.pathParam("id"), after, limit)
                .thenApply(page -> ApiResponse.ok(render.logs(page)));
    }

    private static void onlyKnown(ApiRequest request, Set<String> known) {
        request.query().keySet().stream().filter(p -> !known.contains(p)).findFirst().ifPresent(p -> {
            throw ApiException.field(ErrorCode.UNKNOWN_FIELD, p, "unknown query parameter " + p + " (known: "
                    + String.join(", ", known.stream().sorted().toList()) + ")");
        });
    }

    private static int number(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JsonFields.invalid(name, "an integer in " + min + ".." + max, text);
    }

    private static long token(String text) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JsonFields.invalid("next_token", "a next_token from an earlier page", text);
    }

    /** Job errors, thrown now or later, become API errors. */
    private static Route.Handler guarded(Route.Handler handler) {
        return request -> {
            CompletableFuture<ApiResponse> response;
            try {
                response = handler.handle(request);
            } catch (JobException e) {
                return CompletableFuture.failedFuture(toApi(e));
            }
            return response.exceptionallyCompose(error -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                return CompletableFuture.failedFuture(cause instanceof JobException j ? toApi(j) : cause);
            });
        };
    }

    private static ApiException toApi(JobException e) {
        ErrorCode code = switch (e.kind()) {
            case NOT_FOUND -> ErrorCode.JOB_NOT_FOUND;
            case QUOTA_EXCEEDED -> ErrorCode.JOB_QUOTA_EXCEEDED;
            case NOT_DEAD_LETTERED -> ErrorCode.JOB_NOT_DEAD_LETTERED;
            case IDEMPOTENCY_CONFLICT -> ErrorCode.IDEMPOTENCY_CONFLICT;
        };
        return new ApiException(code, e.getMessage());
    }
}
