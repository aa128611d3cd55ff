package io.relationships.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.GroupType;
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

    RelationshipLookups(RelationshipCache cache) {
        this.cache = cache;
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
