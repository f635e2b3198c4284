package io.cloudbrowser.controlplane.job;

import java.time.Instant;

/** One line of a job's log: its position ({@code seq}, increasing), the attempt, when, and what happened. */
public record JobLogEvent(long seq, int attempt, Instant time, String message) {
}
