package io.relationships.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The cached resolver layer: relationship look-ups answered from memory, misses loaded from Neo4j in one query
 * per batch. Keys are {@code {type}:{identifier}} ({@code etf:SPY}, {@code stock:AAPL},
 * {@code sector:information_technology}, {@code list:etf}). Entries expire after the configured TTL, but data
 * changes evict them first: every graph sync evicts exactly the groups it wrote and the stocks whose memberships
 * changed ({@link CacheInvalidation}). Unknown symbols are cached as absent, so a typo costs one query.
 * <p>
 * Longer than most classes here, on purpose: loading, evicting, reloading and warming share one invariant — a load
 * never stores what it read before an eviction of the same keys (the read/write lock of {@link #loading} and
 * {@link #evicting}) — and it is kept in one place rather than spread over collaborators.
 */
@Service
public class RelationshipCache {

    private static final String ALL_STOCKS = "list:stock";

    /** Marks a key the graph does not have. */
    private enum Absent {
        INSTANCE
    }

    private final GraphReads graph;
    private final Cache<String, Object> cache;
    private final CacheProperties properties;
    private final ApplicationEventPublisher events;
    private final ReadWriteLock loads = new ReentrantReadWriteLock();

    @Autowired
    RelationshipCache(GraphReads graph, CacheProperties properties, MeterRegistry meters,
                      ApplicationEventPublisher events) {
        this(graph, properties, meters, events, Ticker.systemTicker());
    }

    /** With the time the TTL is measured by ({@code ticker}: a test's, to see entries expire without waiting an hour). */
    RelationshipCache(GraphReads graph, CacheProperties properties, MeterRegistry meters,
                      ApplicationEventPublisher events, Ticker ticker) {
        this.graph = graph;
        this.properties = properties;
        this.events = events;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(properties.ttl())
                .maximumWeight(properties.maxSize().toBytes())
                .weigher(RelationshipCache::estimatedBytes)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "relationships");
    }

    // ------------------------------------------------------------------------------------------------------------
    // the platform's look-ups by symbol (REST endpoints, analytics, benchmarks)

    public Optional<GroupRow> getEtfHoldings(String etf) {
        return getGroup(GroupType.ETF, etf);
    }

    public List<Weighted> getStockEtfs(String stock) {
        return getStock(stock).map(StockRow::etfs).orElse(List.of());
    }

    // ------------------------------------------------------------------------------------------------------------
    // batch forms, used by the resolvers

    public Optional<StockRow> getStock(String symbol) {
        return Optional.ofNullable(getStocks(List.of(symbol)).get(symbol));
    }

    /** The known stocks among {@code symbols}, keyed by symbol; one Neo4j query for all misses. */
    public Map<String, StockRow> getStocks(Collection<String> symbols) {
        return getAllOf("stock:", symbols, missing -> {
            Map<String, Object> loaded = new HashMap<>();
            for (StockRow row : graph.stocks(missing)) {
                loaded.put(row.symbol(), row);
            }
            return loaded;
        }, StockRow.class);
    }

    public Optional<GroupRow> getGroup(GroupType type, String key) {
        return Optional.ofNullable(getGroups(type, List.of(key)).get(key));
    }

    /** The known groups of a type among {@code keys}; one Neo4j query for all misses. */
    public Map<String, GroupRow> getGroups(GroupType type, Collection<String> keys) {
        return getAllOf(prefix(type), keys, missing -> {
            Map<String, Object> loaded = new HashMap<>();
            for (GroupRow row : graph.groups(type, missing)) {
                loaded.put(row.key(), row);
            }
            return loaded;
        }, GroupRow.class);
    }

    /** Every key of a group type, sorted. */
    @SuppressWarnings("unchecked")
    public List<String> getAll(GroupType type) {
        String key = "list:" + type.name().toLowerCase();
        ReadTags.record(key);
        Object present = cache.getIfPresent(key);
        return (List<String>) (present != null ? present : loading(() -> cache.get(key, k -> List.copyOf(graph.keys(type)))));
    }

    /** Every stock's symbol, sorted; evicted with any stock, since a sync that changes memberships may add or drop stocks. */
    @SuppressWarnings("unchecked")
    public List<String> getAllStockSymbols() {
        ReadTags.record(ALL_STOCKS);
        Object present = cache.getIfPresent(ALL_STOCKS);
        return (List<String>) (present != null ? present : loading(() -> cache.get(ALL_STOCKS, k -> List.copyOf(graph.allStockSymbols()))));
    }

    private <T> Map<String, T> getAllOf(String prefix, Collection<String> ids, Function<Set<String>, Map<String, Object>> loader,
                                        Class<T> type) {
        Set<String> keys = new LinkedHashSet<>();
        for (String id : ids) {
            keys.add(prefix + id);
        }
        ReadTags.recordAll(keys);
        Map<String, Object> entries = cache.getAllPresent(keys);
        if (entries.size() < keys.size()) {
            entries = loading(() -> cache.getAll(keys, missingKeys -> {
                Set<String> missingIds = new LinkedHashSet<>();
                for (String key : missingKeys) {
                    missingIds.add(key.substring(prefix.length()));
                }
                Map<String, Object> loaded = loader.apply(missingIds);
                Map<String, Object> result = new HashMap<>();
                for (String id : missingIds) {
                    result.put(prefix + id, loaded.getOrDefault(id, Absent.INSTANCE));
                }
                return result;
            }));
        }
        Map<String, T> found = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (type.isInstance(value)) {
                found.put(key.substring(prefix.length()), type.cast(value));
            }
        });
        return found;
    }

    /**
     * Loads from Neo4j and stores what was read. An eviction waits for loads in flight and a load waits for an
     * eviction in progress, so that an answer read before a change can never be stored after the change evicted
     * its key (it would stay until the TTL). Hits never wait.
     */
    private <R> R loading(Supplier<R> load) {
        loads.readLock().lock();
        try {
            return load.get();
        } finally {
            loads.readLock().unlock();
        }
    }

    private void evicting(Runnable eviction) {
        loads.writeLock().lock();
        try {
            eviction.run();
        } finally {
            loads.writeLock().unlock();
        }
    }

    static String prefix(GroupType type) {
        return type.name().toLowerCase() + ":";
    }

    // ------------------------------------------------------------------------------------------------------------
    // invalidation, warming, stats

    /** Evicts the groups (and their type's key list) and the stocks named. */
    public void evict(Collection<GroupRef> groups, Collection<String> symbols) {
        List<String> keys = keysOf(groups, symbols);
        evicting(() -> cache.invalidateAll(keys));
        events.publishEvent(RelationshipCacheEvicted.of(Set.copyOf(keys)));
    }

    /**
     * Evicts the groups and stocks a change touched and loads again those of them that were cached, so that
     * readers find them warm when the change is announced as visible. Returns how many entries were reloaded.
     */
    public int evictAndReload(Collection<GroupRef> groups, Collection<String> symbols) {
        List<String> keys = keysOf(groups, symbols);
        List<String> cached = new ArrayList<>();
        evicting(() -> {
            for (String key : keys) {
                if (cache.asMap().containsKey(key)) {
                    cached.add(key);
                }
            }
            cache.invalidateAll(keys);
        });
        events.publishEvent(RelationshipCacheEvicted.of(Set.copyOf(keys)));
        return reload(cached);
    }

    /**
     * Evicts everything and loads again what was cached (a rebuild rewrote the whole graph): readers find the
     * entries they were using warm when the rebuild is announced, at the cost of the hot set, not of the catalog.
     */
    public int evictAllAndReload() {
        List<String> cached = new ArrayList<>();
        evicting(() -> {
            cached.addAll(cache.asMap().keySet());
            cache.invalidateAll();
        });
        events.publishEvent(RelationshipCacheEvicted.all());
        return reload(cached);
    }

    /** Loads the entries named by {@code keys} ({@code stock:AAPL}, {@code etf:SPY}, {@code list:etf}), a batch per kind. */
    private int reload(List<String> keys) {
        Map<String, List<String>> byPrefix = new LinkedHashMap<>();
        for (String key : keys) {
            int colon = key.indexOf(':');
            byPrefix.computeIfAbsent(key.substring(0, colon + 1), p -> new ArrayList<>()).add(key.substring(colon + 1));
        }
        int reloaded = 0;
        for (Map.Entry<String, List<String>> entry : byPrefix.entrySet()) {
            List<String> ids = entry.getValue();
            for (int from = 0; from < ids.size(); from += properties.warmBatch()) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + properties.warmBatch()));
                reloaded += switch (entry.getKey()) {
                    case "stock:" -> getStocks(batch).size();
                    case "list:" -> batch.stream().mapToInt(type -> (type.equals("stock") ? getAllStockSymbols()
                            : getAll(GroupType.valueOf(type.toUpperCase()))).isEmpty() ? 0 : 1).sum();
                    default -> getGroups(GroupType.valueOf(entry.getKey().substring(0, entry.getKey().length() - 1).toUpperCase()), batch).size();
                };
            }
        }
        return reloaded;
    }

    private static List<String> keysOf(Collection<GroupRef> groups, Collection<String> symbols) {
        List<String> keys = new ArrayList<>();
        for (GroupRef group : groups) {
            keys.add(prefix(group.type()) + group.key());
            keys.add("list:" + group.type().name().toLowerCase());
        }
        for (String symbol : symbols) {
            keys.add("stock:" + symbol);
        }
        if (!symbols.isEmpty()) {
            keys.add(ALL_STOCKS);
        }
        return keys.stream().distinct().toList();
    }

    public void evictAll() {
        evicting(cache::invalidateAll);
        events.publishEvent(RelationshipCacheEvicted.all());
    }

    /**
     * Evicts one kind of entry (or everything), then optionally loads it all again, on this instance and on every
     * other ({@link CacheRefreshed} goes out through PostgreSQL); returns this instance's stats after.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public CacheStatistics refresh(CacheScope scope, boolean warmAfter) {
        CacheStatistics after = refreshHere(scope, warmAfter);
        events.publishEvent(new CacheRefreshed(scope, warmAfter));
        return after;
    }

    /** The refresh on this instance only: what another instance's refresh asks of this one. */
    CacheStatistics refreshHere(CacheScope scope, boolean warmAfter) {
        switch (scope) {
            case ALL -> evictAll();
            case STOCKS -> evictStocks();
            case ETFS -> evictType(GroupType.ETF);
            case SECTORS -> evictType(GroupType.SECTOR);
            case INDUSTRIES -> evictType(GroupType.INDUSTRY);
            case THEMES -> evictType(GroupType.THEME);
            case UNIVERSES -> evictType(GroupType.UNIVERSE);
        }
        if (warmAfter) {
            warm();
        }
        return stats();
    }

    private void evictStocks() {
        evicting(() -> cache.asMap().keySet().removeIf(key -> key.startsWith("stock:") || key.equals(ALL_STOCKS)));
        events.publishEvent(RelationshipCacheEvicted.all());
    }

    private void evictType(GroupType type) {
        String prefix = prefix(type);
        String list = "list:" + type.name().toLowerCase();
        evicting(() -> cache.asMap().keySet().removeIf(key -> key.startsWith(prefix) || key.equals(list)));
        events.publishEvent(RelationshipCacheEvicted.all());
    }

    /** Loads every group and every stock, in batches: at today's scale everything fits. */
    public int warm() {
        int entries = 0;
        for (GroupType type : GroupType.values()) {
            List<String> keys = getAll(type);
            for (int from = 0; from < keys.size(); from += properties.warmBatch()) {
                entries += getGroups(type, keys.subList(from, Math.min(keys.size(), from + properties.warmBatch()))).size();
            }
        }
        List<String> stocks = graph.allStockSymbols();
        for (int from = 0; from < stocks.size(); from += properties.warmBatch()) {
            entries += getStocks(stocks.subList(from, Math.min(stocks.size(), from + properties.warmBatch()))).size();
        }
        return entries;
    }

    public CacheStatistics stats() {
        var stats = cache.stats();
        long weighted = cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return new CacheStatistics(stats.hitCount(), stats.missCount(), stats.hitRate(), stats.evictionCount(),
                stats.loadCount(), stats.totalLoadTime() / 1_000_000, cache.estimatedSize(), weighted, properties.maxSize().toBytes());
    }

    /**
     * What an entry costs in memory, roughly: object headers and strings of a row plus ≈ 64 bytes per member
     * (a record, its symbol string and a boxed weight).
     */
    static int estimatedBytes(String key, Object value) {
        int base = 96 + key.length() * 2;
        if (value instanceof StockRow stock) {
            return base + 128 + (stock.etfs().size() + stock.universes().size()) * 64 + stock.themes().size() * 48;
        }
        if (value instanceof GroupRow group) {
            return base + 160 + group.members().size() * 64;
        }
        if (value instanceof List<?> list) {
            return base + list.size() * 48;
        }
        return base;
    }
}
