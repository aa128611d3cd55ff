package io.relationships.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphSessions;
import io.relationships.graph.GraphSync;
import io.relationships.graph.GraphSynced;
import io.relationships.support.PgNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data-driven invalidation. A graph sync evicts, on this instance and at once, exactly the groups it wrote and
 * the stocks whose memberships changed, and loads again those that were cached; then it tells the other instances
 * through PostgreSQL {@code NOTIFY relationships_cache} (no new server), and each of them does the same. Each
 * instance then reports how far its caches reflect the catalog ({@link InstanceVisibility}), which is what makes a
 * change visible. A listener that lost its connection evicts everything when it is back, since it may have missed
 * notices.
 */
@Component
class CacheInvalidation {

    private static final Logger log = LoggerFactory.getLogger(CacheInvalidation.class);
    static final String CHANNEL = "relationships_cache";

    private final RelationshipCache cache;
    private final PgNotifications notifications;
    private final InstanceVisibility visibility;
    private final GraphSync sync;
    private final GraphSessions sessions;
    private final CacheProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    CacheInvalidation(RelationshipCache cache, PgNotifications notifications, InstanceVisibility visibility, GraphSync sync,
                      GraphSessions sessions, CacheProperties properties) {
        this.sessions = sessions;
        this.cache = cache;
        this.notifications = notifications;
        this.visibility = visibility;
        this.sync = sync;
        this.properties = properties;
        if (properties.notifyInstances()) {
            notifications.subscribe(CHANNEL, this::apply, this::missedNotices);
        }
    }

    @EventListener
    void onGraphSynced(GraphSynced synced) {
        refresh(synced.groups(), synced.symbols(), synced.everything());
        if (properties.notifyInstances()) {
            publish(synced);
        }
        visibility.reached(synced.upTo());
    }

    private void refresh(List<GroupRef> groups, Set<String> symbols, boolean everything) {
        long started = System.nanoTime();
        if (everything) {
            // what was cached is loaded again before the change is announced; warming every group and stock instead
            // took 12.6 s after a rebuild at 1M memberships, and at that scale evicted the hot entries it had loaded first
            int reloaded = visibility.joined() ? cache.evictAllAndReload() : evictAll();
            log.debug("Evicted everything, reloaded {} entries in {} ms", reloaded, (System.nanoTime() - started) / 1_000_000);
        } else {
            int reloaded = cache.evictAndReload(groups, symbols);
            log.debug("Evicted {} group(s) and {} stock(s), reloaded {} in {} ms", groups.size(), symbols.size(), reloaded,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private int evictAll() {
        cache.evictAll();
        return 0;
    }

    /** Sends the eviction to the other instances, in notices small enough for PostgreSQL; the last one carries {@code upTo}. */
    private void publish(GraphSynced synced) {
        try {
            if (synced.everything()) {
                notifications.notify(CHANNEL, json.writeValueAsString(new Notice(visibility.id(), List.of(), List.of(), true, synced.upTo(),
                        synced.bookmarks())));
                return;
            }
            List<String> groups = synced.groups().stream().map(GroupRef::toString).toList();
            List<String> symbols = new ArrayList<>(synced.symbols());
            int groupIndex = 0;
            int symbolIndex = 0;
            do {
                List<String> g = new ArrayList<>();
                List<String> s = new ArrayList<>();
                int size = 200;
                while (groupIndex < groups.size() && size + groups.get(groupIndex).length() + 3 < PgNotifications.MAX_PAYLOAD) {
                    size += groups.get(groupIndex).length() + 3;
                    g.add(groups.get(groupIndex++));
                }
                while (symbolIndex < symbols.size() && size + symbols.get(symbolIndex).length() + 3 < PgNotifications.MAX_PAYLOAD) {
                    size += symbols.get(symbolIndex).length() + 3;
                    s.add(symbols.get(symbolIndex++));
                }
                boolean last = groupIndex >= groups.size() && symbolIndex >= symbols.size();
                // the bookmarks come first: the other instance's reloads must read at least what this sync wrote
                notifications.notify(CHANNEL, json.writeValueAsString(new Notice(visibility.id(), g, s, false, last ? synced.upTo() : -1,
                        synced.bookmarks())));
            } while (groupIndex < groups.size() || symbolIndex < symbols.size());
        } catch (RuntimeException e) {
            log.warn("Could not notify other instances of cache evictions: {}", e.getMessage());
        }
    }

    /**
     * @param upTo    the graph reflects the catalog up to this outbox entry once this notice is applied; −1 on all but the last
     * @param refresh an operator's refresh of this scope (no groups or symbols then), with {@code warm}
     */
    record Notice(String origin, List<String> groups, List<String> symbols, boolean all, long upTo, CacheScope refresh, boolean warm,
                  Set<String> bookmarks) {

        Notice(String origin, List<String> groups, List<String> symbols, boolean all, long upTo, Set<String> bookmarks) {
            this(origin, groups, symbols, all, upTo, null, false, bookmarks);
        }
    }

    /** An operator's refresh reaches every instance. */
    @EventListener
    void onRefreshed(CacheRefreshed refreshed) {
        if (properties.notifyInstances()) {
            try {
                notifications.notify(CHANNEL, json.writeValueAsString(
                        new Notice(visibility.id(), List.of(), List.of(), false, -1, refreshed.scope(), refreshed.warm(), Set.of())));
            } catch (RuntimeException e) {
                log.warn("Could not ask the other instances to refresh their caches: {}", e.getMessage());
            }
        }
    }

    void apply(String payload) {
        JsonNode notice = json.readTree(payload);
        if (visibility.id().equals(notice.path("origin").asString())) {
            return;
        }
        List<String> bookmarks = new ArrayList<>();
        notice.path("bookmarks").forEach(b -> bookmarks.add(b.asString()));
        sessions.learn(bookmarks);
        if (notice.hasNonNull("refresh")) {
            cache.refreshHere(CacheScope.valueOf(notice.path("refresh").asString()), notice.path("warm").asBoolean());
            return;
        }
        List<GroupRef> groups = new ArrayList<>();
        notice.path("groups").forEach(g -> {
            String[] parts = g.asString().split(":", 2);
            groups.add(new GroupRef(GroupType.valueOf(parts[0]), parts[1]));
        });
        List<String> symbols = new ArrayList<>();
        notice.path("symbols").forEach(s -> symbols.add(s.asString()));
        refresh(groups, Set.copyOf(symbols), notice.path("all").asBoolean());
        long upTo = notice.path("upTo").asLong(-1);
        if (upTo >= 0) {
            visibility.reached(upTo);
        }
    }

    /** Notices sent while this instance was away are lost: start over from what the graph reflects now. */
    private void missedNotices() {
        long upTo = sync.syncedUpTo();
        refresh(List.of(), Set.of(), true);
        visibility.reached(upTo);
    }
}
