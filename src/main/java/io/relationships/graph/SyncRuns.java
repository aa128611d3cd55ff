package io.relationships.graph;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.relationships.support.PgNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync's passes, recorded in PostgreSQL ({@code graph_sync_runs}) as they progress and streamed to every
 * instance ({@code NOTIFY relationships_sync}): a client following a pass gets its progress whichever instance it
 * asks, and the last event of a pass that ended before it asked. The timer's passes are recorded only once they
 * find something to do (or fail), so that the history shows the passes that did something.
 */
@Repository
class SyncRuns {

    static final String CHANNEL = "relationships_sync";
    private static final int KEPT = 1000;

    private final JdbcClient jdbc;
    private final PgNotifications notifications;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String instance = UUID.randomUUID().toString();
    private final Map<Long, Sinks.Many<SyncRun>> followers = new ConcurrentHashMap<>();

    SyncRuns(JdbcClient jdbc, PgNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this::noticed, () -> {
        });
    }

    /** A pass asked for now: recorded at once, so that its id can be followed. */
    SyncRun queue(boolean full, String requestedBy) {
        long id = jdbc.sql("insert into graph_sync_runs (full_sync, requested_by, status) values (?, ?, 'QUEUED') returning id")
                .params(full, requestedBy).query(Long.class).single();
        return SyncRun.queued(id, full, requestedBy);
    }

    /** A pass of the timer: not recorded (id 0) until it finds something to do. */
    SyncRun unrecorded(String requestedBy) {
        return SyncRun.queued(0, false, requestedBy);
    }

    /** Records the pass as it is now and tells every follower; returns it with its id. */
    SyncRun publish(SyncRun run) {
        if (run.id() == 0) {
            if (run.groupsTotal() == 0 && run.status() != SyncRunStatus.FAILED && !run.full()) {
                return run; // the timer's idle pass
            }
            run = run.withId(jdbc.sql("insert into graph_sync_runs (full_sync, requested_by, status) values (?, ?, ?) returning id")
                    .params(run.full(), run.requestedBy(), run.status().name()).query(Long.class).single());
            jdbc.sql("delete from graph_sync_runs where id <= ?").param(run.id() - KEPT).update();
        }
        jdbc.sql("""
                        update graph_sync_runs set full_sync = ?, status = ?, started_at = ?, finished_at = ?, groups_total = ?,
                               groups_done = ?, events_processed = ?, error = ?
                        where id = ?""")
                .params(run.full(), run.status().name(), run.startedAt(), run.finishedAt(), run.groupsTotal(), run.groupsDone(),
                        run.eventsProcessed(), run.error(), run.id())
                .update();
        emit(run);
        try {
            notifications.notify(CHANNEL, json.writeValueAsString(Map.of("origin", instance, "id", run.id())));
        } catch (RuntimeException e) {
            // the followers on other instances read the row when they next look
        }
        return run;
    }

    /**
     * Passes still marked RUNNING while this one holds the sync's lock belong to a process that stopped during
     * them; say so.
     */
    void failInterrupted() {
        jdbc.sql("""
                        update graph_sync_runs set status = 'FAILED', finished_at = now(),
                               error = 'interrupted: the instance running it stopped; the next pass carried on from the same point'
                        where status = 'RUNNING'""")
                .update();
    }

    Optional<SyncRun> find(long id) {
        return jdbc.sql("select * from graph_sync_runs where id = ?").param(id).query(SyncRuns::row).optional();
    }

    /** The latest passes, newest first. */
    List<SyncRun> recent(int limit) {
        return jdbc.sql("select * from graph_sync_runs order by id desc limit ?").param(limit).query(SyncRuns::row).list();
    }

    /** Progress of a pass until it ends: its state now, then every change; one event for a pass already over. */
    Flux<SyncRun> follow(long id) {
        Sinks.Many<SyncRun> sink = followers.computeIfAbsent(id, key -> Sinks.many().replay().latest());
        find(id).ifPresent(this::emit);
        // on a thread of its own: a follower whose client has gone fails when it writes, and that must not reach the pass
        return sink.asFlux().publishOn(Schedulers.boundedElastic()).takeUntil(SyncRun::finished);
    }

    private void noticed(String payload) {
        JsonNode notice = json.readTree(payload);
        if (!instance.equals(notice.path("origin").asString())) {
            long id = notice.path("id").asLong();
            if (followers.containsKey(id)) {
                find(id).ifPresent(this::emit);
            }
        }
    }

    private void emit(SyncRun run) {
        Sinks.Many<SyncRun> sink = followers.get(run.id());
        if (sink != null) {
            sink.emitNext(run, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
            if (run.finished()) {
                followers.remove(run.id(), sink);
                sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
            }
        }
    }

    private static SyncRun row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SyncRun(rs.getLong("id"), rs.getBoolean("full_sync"), rs.getString("requested_by"),
                SyncRunStatus.valueOf(rs.getString("status")), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getInt("groups_total"), rs.getInt("groups_done"),
                rs.getLong("events_processed"), rs.getString("error"));
    }
}
