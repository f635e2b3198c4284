package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.job.JobLogEvent;
import java.util.List;
import java.util.OptionalLong;

/** One page of a job's log, oldest first; {@code next} is the last seq returned when more may follow. */
public record JobLogPage(List<JobLogEvent> events, OptionalLong next) {
    public JobLogPage {
        events = List.copyOf(events);
    }
}
