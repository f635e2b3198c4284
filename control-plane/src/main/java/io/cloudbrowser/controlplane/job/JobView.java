package io.cloudbrowser.controlplane.job;

import java.util.List;

/** A job with its outputs, as the API shows it. */
public record JobView(JobRecord record, List<JobOutput> outputs) {
    public JobView {
        outputs = List.copyOf(outputs);
    }
}
