package io.relationships.cache;

import java.util.UUID;

import io.relationships.catalog.CatalogVisibility;
import io.relationships.graph.GraphSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's part in read-your-writes ({@link CatalogVisibility}): once it answers reads it joins the
 * instances whose caches must reflect a change before the change counts as visible, reports how far its caches
 * have come after every eviction and reload, says it is alive every heartbeat, and leaves when it stops.
 */
@Component
public class InstanceVisibility implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceVisibility.class);

    private final CatalogVisibility visibility;
    private final CacheProperties properties;
    private final RelationshipCache cache;
    private final GraphSync sync;
    private final String id = UUID.randomUUID().toString();
    private volatile boolean joined;
    /** Joined once, then stopped: a start joins again. */
    private volatile boolean left;
    private volatile boolean running;
    /** The outbox entry this instance's caches reflect the catalog up to. */
    private volatile long reflects;

    InstanceVisibility(CatalogVisibility visibility, CacheProperties properties, RelationshipCache cache, GraphSync sync) {
        this.visibility = visibility;
        this.properties = properties;
        this.cache = cache;
        this.sync = sync;
    }

    public String id() {
        return id;
    }

    /** This instance answers reads from now on, with caches that reflect the catalog up to outbox entry {@code upTo}. */
    public void join(long upTo) {
        reflects = upTo;
        visibility.register(id, host(), upTo);
        joined = true;
        visibility.advance(properties.instanceTimeout());
    }

    public boolean joined() {
        return joined;
    }

    /**
     * The outbox entry up to which this instance's caches (and so its answers) reflect the catalog: the version of
     * its relationship data. Every instance counts the same outbox, so the same position means the same answers on
     * any of them.
     */
    public long reflectsUpTo() {
        return reflects;
    }

    /** This instance's caches reflect the catalog up to {@code upTo}; the visible position moves if it was the last. */
    void reached(long upTo) {
        reflects = upTo;
        if (joined) {
            visibility.reached(id, upTo);
            visibility.advance(properties.instanceTimeout());
        }
    }

    @Scheduled(fixedDelayString = "${relationships.cache.heartbeat:5s}")
    void heartbeat() {
        if (!joined) {
            return;
        }
        try {
            visibility.heartbeat(id);
            // an instance that died without leaving stops holding the others back once it is no longer seen
            visibility.advance(properties.instanceTimeout());
        } catch (RuntimeException e) {
            log.debug("Visibility heartbeat failed: {}", e.getMessage());
        }
    }

    /**
     * Started again after a stop (a paused application context): the instance left, and may have missed evictions
     * meanwhile, so it drops what it cached and joins again from what the graph reflects now.
     */
    @Override
    public void start() {
        running = true;
        if (left) {
            left = false;
            cache.evictAll();
            join(sync.syncedUpTo());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (joined) {
            joined = false;
            left = true;
            try {
                visibility.leave(id);
                visibility.advance(properties.instanceTimeout());
            } catch (RuntimeException e) {
                log.debug("Could not leave the visibility record: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Which process this is, for operators reading the table (no name lookup: nothing leaves the machine). */
    private static String host() {
        return System.getenv().getOrDefault("HOSTNAME", "localhost") + " pid " + ProcessHandle.current().pid();
    }
}
