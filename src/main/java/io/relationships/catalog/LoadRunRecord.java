package io.relationships.catalog;

import java.time.OffsetDateTime;
import java.util.Map;

/** A load run as recorded in {@code load_runs}. */
public record LoadRunRecord(long id, RunKind kind, LoadMode mode, Trigger trigger, String triggeredBy, RunStatus status,
                            String phase, OffsetDateTime startedAt, OffsetDateTime finishedAt, RunCounts counts,
                            String error, Map<String, Object> request, Map<String, Object> validation,
                            Map<String, Object> report,
                            Long parentRunId, Long rollbackOf, Long rolledBackBy) {

    public boolean dryRun() {
        return mode == LoadMode.DRY_RUN;
    }
}
