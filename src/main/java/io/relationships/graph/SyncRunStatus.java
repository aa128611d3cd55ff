package io.relationships.graph;

/** Where a pass of the graph sync stands. SKIPPED: another instance held the sync's lock. */
public enum SyncRunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }
}
