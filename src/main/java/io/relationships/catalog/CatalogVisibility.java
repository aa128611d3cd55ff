package io.relationships.catalog;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.relationships.support.PgNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * How far the catalog's changes are visible to readers on every instance: read-your-writes for clients. Each
 * instance says up to which outbox entry ({@code catalog_events}) its caches reflect the catalog, and keeps saying
 * that it is alive; the smallest position among live instances is visible everywhere. Each time it moves forward,
 * a mark records when, and every instance hears of it ({@code NOTIFY relationships_visibility}). A run is visible
 * at the first mark at or after its last outbox entry.
 */
@Service
public class CatalogVisibility {

    static final String CHANNEL = "relationships_visibility";

    private final JdbcClient jdbc;
    private final PgNotifications notifications;
    private final AtomicLong visibleThrough = new AtomicLong(-1);
    private final Sinks.Many<Long> advances = Sinks.many().multicast().directBestEffort();

    CatalogVisibility(JdbcClient jdbc, PgNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, payload -> advanced(Long.parseLong(payload)), this::catchUp);
    }

    /** An instance that answers reads from now on, with caches that reflect the catalog up to {@code upTo}. */
    public void register(String instance, String host, long upTo) {
        jdbc.sql("""
                        insert into cache_instances (id, host, visible_up_to) values (?, ?, ?)
                        on conflict (id) do update set seen_at = now(), visible_up_to = greatest(cache_instances.visible_up_to, excluded.visible_up_to)""")
                .params(instance, host, upTo).update();
    }

    /** This instance's caches reflect the catalog up to {@code upTo} (an instance that never registered is not counted). */
    public void reached(String instance, long upTo) {
        jdbc.sql("update cache_instances set visible_up_to = greatest(visible_up_to, ?), seen_at = now() where id = ?")
                .params(upTo, instance).update();
    }

    public void heartbeat(String instance) {
        jdbc.sql("update cache_instances set seen_at = now() where id = ?").param(instance).update();
    }

    /** The instance stops answering: it no longer holds back what the others may show. */
    public void leave(String instance) {
        jdbc.sql("delete from cache_instances where id = ?").param(instance).update();
    }

    /**
     * Moves the visible position to the smallest among instances seen within {@code alive}, records when, and tells
     * every instance. Instances not seen for a day are forgotten. Returns the position.
     */
    public long advance(Duration alive) {
        jdbc.sql("delete from cache_instances where seen_at < now() - interval '1 day'").update();
        Long through = jdbc.sql("""
                        select min(visible_up_to) from cache_instances where seen_at > now() - make_interval(secs => ?)""")
                .param(alive.toMillis() / 1000.0).query(Long.class).optional().orElse(null);
        if (through == null) {
            return visibleThrough();
        }
        int marked = jdbc.sql("""
                        insert into cache_visibility (event_id)
                        select ? where ? > coalesce((select max(event_id) from cache_visibility), -1)
                        on conflict do nothing""")
                .params(through, through).update();
        if (marked > 0) {
            notifications.notify(CHANNEL, Long.toString(through));
        }
        return through;
    }

    /** The outbox position visible on every live instance (−1 before any). */
    public long visibleThrough() {
        long known = visibleThrough.get();
        if (known < 0) {
            catchUp();
            known = visibleThrough.get();
        }
        return known;
    }

    /** When the changes up to outbox entry {@code eventId} became visible everywhere; empty while they are not. */
    public Optional<OffsetDateTime> visibleAt(long eventId) {
        return jdbc.sql("select visible_at from cache_visibility where event_id >= ? order by event_id limit 1")
                .param(eventId).query(OffsetDateTime.class).optional();
    }

    /** Every forward move of the visible position, on any instance. */
    public Flux<Long> advances() {
        return advances.asFlux();
    }

    private void catchUp() {
        jdbc.sql("select coalesce(max(event_id), -1) from cache_visibility").query(Long.class).optional().ifPresent(this::advanced);
    }

    private void advanced(long through) {
        long before = visibleThrough.getAndAccumulate(through, Math::max);
        if (through > before) {
            advances.emitNext(through, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
        }
    }
}
