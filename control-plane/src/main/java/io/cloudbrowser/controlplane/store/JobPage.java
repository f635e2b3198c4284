package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.job.JobRecord;
import java.util.List;
import java.util.Optional;

/** One page of a tenant's jobs, newest first; the cursor has the sessions' form (createdAt, id). */
public record JobPage(List<JobRecord> jobs, Optional<SessionPage.Cursor> next) {
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
