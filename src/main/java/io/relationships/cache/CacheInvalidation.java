package io.relationships.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphSynced;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data-driven invalidation. A graph sync evicts, on this instance and at once, exactly the groups it wrote and
 * the stocks whose memberships changed; then it tells the other instances through PostgreSQL
 * {@code NOTIFY relationships_cache} (no new server), and each of them evicts the same keys. A listener that lost
 * its connection evicts everything when it is back, since it may have missed notices.
 */
@Component
class CacheInvalidation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CacheInvalidation.class);
    static final String CHANNEL = "relationships_cache";
    /** NOTIFY payloads must stay under 8000 bytes. */
    private static final int MAX_PAYLOAD = 7000;

    private final RelationshipCache cache;
    private final DataSource dataSource;
    private final CacheProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String instance = UUID.randomUUID().toString();
    private volatile boolean running;
    private Thread listener;

    CacheInvalidation(RelationshipCache cache, DataSource dataSource, CacheProperties properties) {
        this.cache = cache;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @EventListener
    void onGraphSynced(GraphSynced synced) {
        if (synced.everything()) {
            cache.evictAll();
        } else {
            cache.evict(synced.groups(), synced.symbols());
        }
        if (properties.notifyInstances()) {
            publish(synced);
        }
    }

    /** Sends the eviction to the other instances, in notices small enough for PostgreSQL. */
    private void publish(GraphSynced synced) {
        try (Connection connection = dataSource.getConnection()) {
            if (synced.everything()) {
                notify(connection, json.writeValueAsString(new Notice(instance, List.of(), List.of(), true)));
                return;
            }
            List<String> groups = synced.groups().stream().map(GroupRef::toString).toList();
            List<String> symbols = new ArrayList<>(synced.symbols());
            int groupIndex = 0;
            int symbolIndex = 0;
            while (groupIndex < groups.size() || symbolIndex < symbols.size()) {
                List<String> g = new ArrayList<>();
                List<String> s = new ArrayList<>();
                int size = 200;
                while (groupIndex < groups.size() && size + groups.get(groupIndex).length() + 3 < MAX_PAYLOAD) {
                    size += groups.get(groupIndex).length() + 3;
                    g.add(groups.get(groupIndex++));
                }
                while (symbolIndex < symbols.size() && size + symbols.get(symbolIndex).length() + 3 < MAX_PAYLOAD) {
                    size += symbols.get(symbolIndex).length() + 3;
                    s.add(symbols.get(symbolIndex++));
                }
                notify(connection, json.writeValueAsString(new Notice(instance, g, s, false)));
            }
        } catch (SQLException e) {
            log.warn("Could not notify other instances of cache evictions: {}", e.getMessage());
        }
    }

    private static void notify(Connection connection, String payload) throws SQLException {
        try (var statement = connection.prepareStatement("select pg_notify(?, ?)")) {
            statement.setString(1, CHANNEL);
            statement.setString(2, payload);
            statement.execute();
        }
    }

    record Notice(String origin, List<String> groups, List<String> symbols, boolean all) {
    }

    void apply(String payload) {
        JsonNode notice = json.readTree(payload);
        if (instance.equals(notice.path("origin").asString())) {
            return;
        }
        if (notice.path("all").asBoolean()) {
            cache.evictAll();
            return;
        }
        List<GroupRef> groups = new ArrayList<>();
        notice.path("groups").forEach(g -> {
            String[] parts = g.asString().split(":", 2);
            groups.add(new GroupRef(GroupType.valueOf(parts[0]), parts[1]));
        });
        Collection<String> symbols = new ArrayList<>();
        notice.path("symbols").forEach(s -> symbols.add(s.asString()));
        cache.evict(groups, Set.copyOf(symbols));
    }

    // ------------------------------------------------------------------------------------------------------------

    @Override
    public void start() {
        if (!properties.notifyInstances()) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "cache-invalidation");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        boolean reconnected = false;
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("listen " + CHANNEL);
                if (reconnected) {
                    cache.evictAll(); // notices sent while we were away are lost
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(1000);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            apply(notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Cache invalidation listener lost PostgreSQL ({}); reconnecting", e.getMessage());
                    reconnected = true;
                    sleep(2000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
