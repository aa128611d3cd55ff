package io.relationships.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.relationships.cache.ReadTags;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.SecurityFacts;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.springframework.stereotype.Component;

/**
 * The cache read the way batch mappings (DataLoaders) ask: a batch of sources, each naming a group or a stock, answered
 * with one cache call for the whole batch. That is what keeps a query over 50 stocks at one cache batch per level
 * whichever type's controller resolves the level. A source whose group or stock the cache does not know is left out.
 */
@Component
class RelationshipLookups {

    private final RelationshipCache cache;
    private final SecurityFacts securities;

    RelationshipLookups(RelationshipCache cache, SecurityFacts securities) {
        this.cache = cache;
        this.securities = securities;
    }

    /** The group of type {@code type} each source names (by {@code key}, which may be null). */
    <S> Map<S, GroupRow> group(List<S> sources, GroupType type, Function<S, String> key) {
        Set<String> keys = new LinkedHashSet<>();
        sources.forEach(s -> {
            if (key.apply(s) != null) {
                keys.add(key.apply(s));
            }
        });
        Map<String, GroupRow> rows = cache.getGroups(type, keys);
        Map<S, GroupRow> result = new HashMap<>();
        sources.forEach(s -> {
            GroupRow row = key.apply(s) == null ? null : rows.get(key.apply(s));
            if (row != null) {
                result.put(s, row);
            }
        });
        return result;
    }

    /** The groups of type {@code type} each source names, in the source's order. */
    <S> Map<S, List<GroupRow>> groups(List<S> sources, GroupType type, Function<S, List<String>> keys) {
        Set<String> all = new LinkedHashSet<>();
        sources.forEach(s -> all.addAll(keys.apply(s)));
        Map<String, GroupRow> rows = cache.getGroups(type, all);
        Map<S, List<GroupRow>> result = new HashMap<>();
        sources.forEach(s -> result.put(s, keys.apply(s).stream().map(rows::get).filter(Objects::nonNull).toList()));
        return result;
    }

    /** The stock each source names. */
    <S> Map<S, StockRow> stock(List<S> sources, Function<S, String> symbol) {
        Map<String, StockRow> stocks = cache.getStocks(sources.stream().map(symbol).distinct().toList());
        Map<S, StockRow> result = new HashMap<>();
        sources.forEach(s -> {
            if (stocks.containsKey(symbol.apply(s))) {
                result.put(s, stocks.get(symbol.apply(s)));
            }
        });
        return result;
    }

    /**
     * The stock each source names, also where the graph no longer has it (a past holding or member): then the bare
     * security as the catalog keeps it, its symbol and name, and nothing it belongs to. Current lists never ask the
     * catalog: the cache has all of theirs.
     */
    <S> Map<S, StockRow> stockOrPast(List<S> sources, Function<S, String> symbol) {
        Map<S, StockRow> found = stock(sources, symbol);
        List<String> gone = sources.stream().filter(s -> !found.containsKey(s)).map(symbol).distinct().toList();
        if (!gone.isEmpty()) {
            ReadTags.dependsOnAnyChange();
            Map<String, SecurityFacts.Facts> facts = securities.of(gone);
            sources.stream().filter(s -> !found.containsKey(s)).forEach(s -> found.put(s, new StockRow(symbol.apply(s),
                    facts.containsKey(symbol.apply(s)) ? facts.get(symbol.apply(s)).name() : null, null, null, null, null,
                    List.of(), List.of(), List.of())));
        }
        return found;
    }

    /** The ETF each source names; one the graph no longer has (a past holder) with its symbol alone. */
    <S> Map<S, GroupRow> etfOrPast(List<S> sources, Function<S, String> symbol) {
        Map<S, GroupRow> found = group(sources, GroupType.ETF, symbol);
        sources.stream().filter(s -> !found.containsKey(s)).forEach(s -> found.put(s,
                new GroupRow(GroupType.ETF, symbol.apply(s), null, null, null, null, null, List.of())));
        return found;
    }

    /** Stocks by canonical symbol, in the order asked for; null where a symbol is unknown. */
    List<StockRow> stocksInOrder(List<String> symbols) {
        Map<String, StockRow> found = cache.getStocks(symbols);
        List<StockRow> ordered = new ArrayList<>(symbols.size());
        symbols.forEach(symbol -> ordered.add(found.get(symbol)));
        return ordered;
    }

    /** Every group of a type, by key. */
    List<GroupRow> all(GroupType type) {
        List<String> keys = cache.getAll(type);
        Map<String, GroupRow> rows = cache.getGroups(type, keys);
        return keys.stream().map(rows::get).filter(Objects::nonNull).toList();
    }
}
