package io.relationships.load;

/**
 * Where a run is: streamed to GraphiQL, the admin page and the CLI.
 *
 * @param phase  queued, reading, staging, diffing, applying, validating, done, failed
 */
public record LoadProgress(long runId, String phase, int filesTotal, int filesDone, long rowsDone, String currentFile,
                           boolean finished, String message) {
}
