package io.relationships.cache;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.stereotype.Service;

/**
 * The cached resolver layer: relationship look-ups answered from memory, misses loaded from Neo4j in one query
 * per batch. Keys are {@code {type}:{identifier}} ({@code etf:SPY}, {@code stock:AAPL},
 * {@code sector:information_technology}, {@code list:etf}). Entries expire after the configured TTL, but data
 * changes evict them first: every graph sync evicts exactly the groups it wrote and the stocks whose memberships
 * changed ({@link CacheInvalidation}). Unknown symbols are cached as absent, so a typo costs one query.
 */
@Service
public class RelationshipCache {

    /** Marks a key the graph does not have. */
    private enum Absent {
        INSTANCE
    }

    private final GraphReads graph;
    private final Cache<String, Object> cache;
    private final CacheProperties properties;
    private final org.springframework.context.ApplicationEventPublisher events;

    RelationshipCache(GraphReads graph, CacheProperties properties, MeterRegistry meters,
                      org.springframework.context.ApplicationEventPublisher events) {
        this.graph = graph;
        this.properties = properties;
        this.events = events;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.ttl())
                .maximumWeight(properties.maxSize().toBytes())
                .weigher(RelationshipCache::estimatedBytes)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "relationships");
    }

    // ------------------------------------------------------------------------------------------------------------
    // the platform's method set

    public Optional<GroupRow> getEtfHoldings(String etf) {
        return getGroup(GroupType.ETF, etf);
    }

    public List<Weighted> getStockEtfs(String stock) {
        return getStock(stock).map(StockRow::etfs).orElse(List.of());
    }

    public Optional<String> getStockSector(String stock) {
        return getStock(stock).map(StockRow::sector);
    }

    public List<Weighted> getSectorStocks(String sector) {
        return getGroup(GroupType.SECTOR, sector).map(GroupRow::members).orElse(List.of());
    }

    public List<Weighted> getThemeMembers(String theme) {
        return getGroup(GroupType.THEME, theme).map(GroupRow::members).orElse(List.of());
    }

    public List<String> getAllEtfs() {
        return getAll(GroupType.ETF);
    }

    public List<String> getAllSectors() {
        return getAll(GroupType.SECTOR);
    }

    public List<String> getAllThemes() {
        return getAll(GroupType.THEME);
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
        return (List<String>) cache.get("list:" + type.name().toLowerCase(), key -> List.copyOf(graph.keys(type)));
    }

    private <T> Map<String, T> getAllOf(String prefix, Collection<String> ids, Function<Set<String>, Map<String, Object>> loader,
                                        Class<T> type) {
        Set<String> keys = new LinkedHashSet<>();
        for (String id : ids) {
            keys.add(prefix + id);
        }
        Map<String, Object> entries = cache.getAll(keys, missingKeys -> {
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
        });
        Map<String, T> found = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (type.isInstance(value)) {
                found.put(key.substring(prefix.length()), type.cast(value));
            }
        });
        return found;
    }

    static String prefix(GroupType type) {
        return type.name().toLowerCase() + ":";
    }

    // ------------------------------------------------------------------------------------------------------------
    // invalidation, warming, stats

    /** Evicts the groups (and their type's key list) and the stocks named. */
    public void evict(Collection<io.relationships.catalog.GroupRef> groups, Collection<String> symbols) {
        List<String> keys = new java.util.ArrayList<>();
        for (var group : groups) {
            keys.add(prefix(group.type()) + group.key());
            keys.add("list:" + group.type().name().toLowerCase());
        }
        for (String symbol : symbols) {
            keys.add("stock:" + symbol);
        }
        cache.invalidateAll(keys);
        events.publishEvent(new RelationshipCacheEvicted(false));
    }

    public void evictAll() {
        cache.invalidateAll();
        events.publishEvent(new RelationshipCacheEvicted(true));
    }

    /** Evicts one kind of entry (or everything), then optionally loads it all again; returns the stats after. */
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('OPERATOR')")
    public CacheStatistics refresh(CacheScope scope, boolean warmAfter) {
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

    public void evictStocks() {
        cache.asMap().keySet().removeIf(key -> key.startsWith("stock:"));
        events.publishEvent(new RelationshipCacheEvicted(false));
    }

    public void evictType(GroupType type) {
        String prefix = prefix(type);
        String list = "list:" + type.name().toLowerCase();
        cache.asMap().keySet().removeIf(key -> key.startsWith(prefix) || key.equals(list));
        events.publishEvent(new RelationshipCacheEvicted(false));
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
