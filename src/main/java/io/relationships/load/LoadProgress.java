package io.relationships.load;

import java.time.OffsetDateTime;

/**
 * Where a run is: streamed to GraphiQL, the admin page and the CLI.
 *
 * @param phase     queued, reading, staging, diffing, applying, validating, done (committed), visible, failed,
 *                  skipped
 * @param finished  the last event of the run: {@code visible} for a run that changed the catalog (its changes are
 *                  in the graph and every instance's caches), {@code done} for a dry run or a run that changed
 *                  nothing, {@code failed} or {@code skipped}
 * @param visibleAt when the run's changes became visible everywhere (on the last event of a successful run)
 */
public record LoadProgress(long runId, String phase, int filesTotal, int filesDone, long rowsDone, String currentFile,
                           boolean finished, String message, OffsetDateTime visibleAt) {

    LoadProgress visible(OffsetDateTime at) {
        return new LoadProgress(runId, "visible", filesTotal, filesDone, rowsDone, null, true,
                "visible: the graph and every instance's caches reflect the run", at);
    }
}
