package io.relationships.graph;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How far the projection got, kept in PostgreSQL (table {@code graph_sync_state}, the sync's own) so that it
 * survives restarts and is shared by every instance: the last outbox entry projected, when, and the last error.
 */
@Repository
class SyncState {

    record State(long lastEventId, OffsetDateTime lastSyncedAt, OffsetDateTime lastFullSyncAt, String lastError,
                 OffsetDateTime lastErrorAt) {
    }

    private final JdbcClient jdbc;

    SyncState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    State read() {
        return jdbc.sql("select last_event_id, last_synced_at, last_full_sync_at, last_error, last_error_at from graph_sync_state where id = 1")
                .query((rs, n) -> new State(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                .single();
    }

    /** Records progress; never moves the cursor backwards (another instance may have gone further). */
    void synced(long lastEventId, boolean full) {
        jdbc.sql("""
                        update graph_sync_state set last_event_id = greatest(last_event_id, ?), last_synced_at = now(),
                               last_full_sync_at = case when ? then now() else last_full_sync_at end,
                               last_error = null, last_error_at = null
                        where id = 1""")
                .params(lastEventId, full).update();
    }

    void failed(String error) {
        jdbc.sql("update graph_sync_state set last_error = ?, last_error_at = now() where id = 1").param(error).update();
    }
}
