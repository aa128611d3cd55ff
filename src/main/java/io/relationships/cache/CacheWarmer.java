package io.relationships.cache;

import io.relationships.graph.GraphSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Fills the cache in the background once the service is ready ({@code relationships.cache.warm-on-start}). */
@Component
class CacheWarmer {

    private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

    private final RelationshipCache cache;
    private final CacheProperties properties;
    private final GraphSync sync;

    CacheWarmer(RelationshipCache cache, CacheProperties properties, GraphSync sync) {
        this.cache = cache;
        this.properties = properties;
        this.sync = sync;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warm() {
        if (!properties.warmOnStart()) {
            return;
        }
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                // warming from a graph that is still catching up would fill the cache with what is about to change
                long deadline = System.currentTimeMillis() + properties.warmWait().toMillis();
                while (catchingUp(sync.status()) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(250);
                }
                int entries = cache.warm();
                log.info("Cache warmed: {} entries in {} ms", entries, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("Could not warm the cache (it fills on demand): {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cache-warmer");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean catchingUp(io.relationships.graph.GraphSyncStatus status) {
        return status.lagChanges() > 0 || status.phase().equals("REBUILDING");
    }
}
