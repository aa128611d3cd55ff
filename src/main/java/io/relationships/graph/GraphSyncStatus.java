package io.relationships.graph;

import java.time.OffsetDateTime;

/**
 * Where the projection stands.
 *
 * @param phase         IDLE, SYNCING, REBUILDING, BACKING_OFF (Neo4j unreachable, retrying) or DISABLED
 * @param lastEventId   the last outbox entry projected
 * @param lagChanges    outbox entries (changed groups of committed runs) not projected yet
 * @param lagSeconds    age of the oldest of them
 * @param degraded      lagging longer than the configured warning, or the last pass failed
 */
public record GraphSyncStatus(String phase, long lastEventId, OffsetDateTime lastSyncedAt, OffsetDateTime lastFullSyncAt,
                              long lagChanges, long lagSeconds, String lastError, OffsetDateTime lastErrorAt,
                              OffsetDateTime nextAttemptAt, boolean lagging, SyncRun lastRun) {

    public boolean degraded() {
        return lagging || lastError != null;
    }
}
