package io.cloudbrowser.controlplane.webhook;

import io.cloudbrowser.controlplane.job.JobRecord;
import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.store.StoreException;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers ended jobs to their {@code webhookUrl}: a signed POST ({@link WebhookSignature}), retried after 1, 2, 4,
 * ... s up to {@link #MAX_TRIES} tries until a 2xx. Due webhooks are claimed from the store (held while one is
 * sent), so of several replicas one sends each try. The target is judged by the URL policy again before each try
 * (its name may resolve elsewhere by now), and a refused one is never connected to.
 */
public final class WebhookSender implements AutoCloseable {
    static final int MAX_TRIES = 8;
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);

    private final JobStore store;
    private final UrlPolicy policy;
    private final String secret;
    private final Function<String, Optional<byte[]>> body;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-webhooks");
        t.setDaemon(true);
        return t;
    });

    /** @param body the JSON body of a job by id (its API answer), empty when it is gone */
    public WebhookSender(JobStore store, UrlPolicy policy, String secret, Function<String, Optional<byte[]>> body,
                         Clock clock) {
        this.store = store;
        this.policy = policy;
        this.secret = secret;
        this.body = body;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sendDue, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendDue() {
        try {
            Optional<JobRecord> due;
            while ((due = store.claimWebhook(clock.instant(), clock.instant().plus(TIMEOUT.multipliedBy(3)))).isPresent()) {
                deliver(due.get());
            }
        } catch (StoreException e) {
            log.warn("cannot read due webhooks: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("webhook delivery failed", e);
        }
    }

    private void deliver(JobRecord job) {
        int tries = store.webhookAttempts(job.id()) + 1;
        UrlPolicy.Destination destination = policy.destination(job.webhookUrl());
        if (!destination.decision().allowed()) {
            store.log(job.id(), job.attempts(), clock.instant(), "webhook refused, not sent: "
                    + destination.decision().reason());
            store.webhookTried(job.id(), tries, null, null);
            return;
        }
        Optional<byte[]> payload = body.apply(job.id());
        if (payload.isEmpty()) {
            store.webhookTried(job.id(), tries, null, null);
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        String outcome;
        boolean delivered = false;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(job.webhookUrl()))
                    .timeout(TIMEOUT).header("Content-Type", "application/json")
                    .header(WebhookSignature.ID_HEADER, job.id())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, payload.get()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload.get())).build(),
                    HttpResponse.BodyHandlers.discarding());
            delivered = response.statusCode() / 100 == 2;
            outcome = "HTTP " + response.statusCode();
        } catch (IOException e) {
            outcome = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Instant now = clock.instant();
        Instant next = delivered || tries >= MAX_TRIES ? null : now.plusSeconds(1L << (tries - 1));
        store.webhookTried(job.id(), tries, next, delivered ? now : null);
        store.log(job.id(), job.attempts(), now, "webhook try " + tries + ": " + outcome
                + (delivered ? ", delivered" : next == null ? ", giving up" : ", next try in " + (1L << (tries - 1)) + " s"));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
