package io.relationships.graph;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One pass of the graph sync, as its progress is streamed: QUEUED, RUNNING, then SUCCEEDED, FAILED or SKIPPED
 * (another instance held the sync lock). The id is 0 until the pass is recorded ({@link SyncRuns}): the timer's
 * passes are recorded only once they find something to do.
 */
public record SyncRun(long id, boolean full, String requestedBy, SyncRunStatus status, OffsetDateTime startedAt,
                      OffsetDateTime finishedAt, int groupsTotal, int groupsDone, long eventsProcessed, String error) {

    static SyncRun queued(long id, boolean full, String requestedBy) {
        return new SyncRun(id, full, requestedBy, SyncRunStatus.QUEUED, null, null, 0, 0, 0, null);
    }

    public boolean finished() {
        return status.finished();
    }

    SyncRun start() {
        return new SyncRun(id, full, requestedBy, SyncRunStatus.RUNNING, now(), null, groupsTotal, groupsDone, eventsProcessed, null);
    }

    SyncRun rebuilding() {
        return new SyncRun(id, true, requestedBy, status, startedAt, finishedAt, groupsTotal, groupsDone, eventsProcessed, error);
    }

    SyncRun planned(int total) {
        return new SyncRun(id, full, requestedBy, status, startedAt, finishedAt, total, groupsDone, eventsProcessed, error);
    }

    SyncRun groupsDone(int done) {
        return new SyncRun(id, full, requestedBy, status, startedAt, finishedAt, groupsTotal, done, eventsProcessed, error);
    }

    SyncRun events(long processed) {
        return new SyncRun(id, full, requestedBy, status, startedAt, finishedAt, groupsTotal, groupsDone, processed, error);
    }

    SyncRun withId(long newId) {
        return new SyncRun(newId, full, requestedBy, status, startedAt, finishedAt, groupsTotal, groupsDone, eventsProcessed, error);
    }

    SyncRun finish(SyncRunStatus finalStatus, String why) {
        OffsetDateTime now = now();
        return new SyncRun(id, full, requestedBy, finalStatus, startedAt == null ? now : startedAt, now, groupsTotal, groupsDone,
                eventsProcessed, why);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
