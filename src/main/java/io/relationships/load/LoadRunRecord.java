package io.relationships.load;

import java.time.OffsetDateTime;
import java.util.Map;

import io.relationships.catalog.RunCounts;

/**
 * A load run as recorded in {@code load_runs}.
 *
 * @param visibleAt when every instance's reads reflected the run (graph and caches); null until then, and for runs
 *                  that failed. A run that changed nothing (a dry run, a skipped step) is visible when it finished.
 */
public record LoadRunRecord(long id, RunKind kind, LoadMode mode, Trigger trigger, String triggeredBy, RunStatus status,
                            String phase, OffsetDateTime startedAt, OffsetDateTime finishedAt, RunCounts counts,
                            String error, Map<String, Object> request, Map<String, Object> validation,
                            Map<String, Object> report,
                            Long parentRunId, Long rollbackOf, Long rolledBackBy, OffsetDateTime visibleAt) {

    public boolean dryRun() {
        return mode == LoadMode.DRY_RUN;
    }
}
