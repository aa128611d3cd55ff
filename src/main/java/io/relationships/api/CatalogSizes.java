package io.relationships.api;

import java.util.concurrent.atomic.AtomicBoolean;

import io.relationships.cache.RelationshipCacheEvicted;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.GroupSizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The catalog's sizes as the complexity estimate needs them ({@link QueryCost}): read once at start-up and again,
 * in the background, after each data change this instance's caches take in (a sync here, or another instance's
 * evictions), so that an estimate never waits for PostgreSQL. Until the first read succeeds there are none, and
 * the estimate counts pages as asked.
 */
@Component
class CatalogSizes {

    private static final Logger log = LoggerFactory.getLogger(CatalogSizes.class);

    private final CatalogQueries catalog;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    /** Boot's application task executor: a read takes milliseconds, and at most one is asked for at a time. */
    private final TaskExecutor reader;
    private volatile GroupSizes sizes;

    CatalogSizes(CatalogQueries catalog, @Qualifier("applicationTaskExecutor") TaskExecutor reader) {
        this.catalog = catalog;
        this.reader = reader;
    }

    /** The latest sizes read (null before the first); asks for a new read when the data changed since. */
    GroupSizes current() {
        if (stale.compareAndSet(true, false)) {
            reader.execute(this::read);
        }
        return sizes;
    }

    @EventListener(ApplicationStartedEvent.class)
    void readAtStart() {
        if (stale.compareAndSet(true, false)) {
            read();
        }
    }

    @EventListener
    void onRelationshipCacheEvicted(RelationshipCacheEvicted evicted) {
        stale.set(true);
    }

    private void read() {
        try {
            sizes = catalog.groupSizes();
        } catch (RuntimeException unreachable) {
            stale.set(true); // the next estimate asks again; until then the last sizes stand
            log.debug("Could not read the catalog's sizes: {}", unreachable.getMessage());
        }
    }
}
