package io.relationships.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.relationships.catalog.GroupType;
import io.relationships.catalog.SecurityFacts;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.stereotype.Service;

/**
 * Stocks and ETFs that meet criteria, answered from the cache: the members of the smallest group named, kept where
 * they are members of every other one named and meet the rest. A key the catalog does not know matches nothing. The
 * exchange is a security's own figure, so it is asked of the catalog ({@link SecurityFacts}).
 */
@Service
public class RelationshipFilters {

    /** Funds read at a time to filter by issuer (the rows carry their holdings). */
    private static final int ISSUER_BATCH = 100;

    /** Criteria for stocks; each one given must hold. {@code etf} is a canonical symbol. */
    public record StockCriteria(String sector, String industry, String universe, String theme, String etf, Boolean hasSector,
                                String exchange) {
    }

    /** Criteria for ETFs; {@code holdsSymbol} is a canonical symbol. */
    public record EtfCriteria(String issuer, String holdsSymbol) {
    }

    private final RelationshipCache cache;
    private final SecurityFacts facts;

    RelationshipFilters(RelationshipCache cache, SecurityFacts facts) {
        this.cache = cache;
        this.facts = facts;
    }

    /** The symbols of the stocks that meet {@code criteria}, by symbol. */
    public List<String> stocks(StockCriteria criteria) {
        Map<GroupType, String> named = new EnumMap<>(GroupType.class);
        putIfGiven(named, GroupType.SECTOR, criteria.sector());
        putIfGiven(named, GroupType.INDUSTRY, criteria.industry());
        putIfGiven(named, GroupType.UNIVERSE, criteria.universe());
        putIfGiven(named, GroupType.THEME, criteria.theme());
        putIfGiven(named, GroupType.ETF, criteria.etf());
        List<List<Weighted>> groups = new ArrayList<>();
        for (var group : named.entrySet()) {
            var row = cache.getGroup(group.getKey(), group.getValue());
            if (row.isEmpty()) {
                return List.of();
            }
            groups.add(row.get().members());
        }
        groups.sort(Comparator.comparingInt(List::size));
        List<String> candidates = groups.isEmpty() ? cache.getAllStockSymbols()
                : groups.get(0).stream().map(Weighted::symbol).toList();
        List<Set<String>> others = groups.stream().skip(1).map(RelationshipFilters::symbols).toList();
        Set<String> listed = null;
        if (criteria.exchange() != null) {
            ReadTags.dependsOnAnyChange(); // the exchange is the catalog's (PostgreSQL), not the graph's
            listed = facts.listedOn(criteria.exchange());
        }
        Map<String, StockRow> rows = criteria.hasSector() == null ? Map.of() : cache.getStocks(candidates);
        List<String> found = new ArrayList<>();
        for (String symbol : candidates) {
            if (others.stream().allMatch(o -> o.contains(symbol)) && (listed == null || listed.contains(symbol))
                    && (criteria.hasSector() == null || hasSector(rows.get(symbol)) == criteria.hasSector())) {
                found.add(symbol);
            }
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    /**
     * The symbols of the ETFs that meet {@code criteria}, in symbol order: the caller loads the rows of the page it
     * shows. (Loading every fund to show fifty held every holding of the catalog at once: 5M at the large scale.)
     * An issuer filter reads the funds {@link #ISSUER_BATCH} at a time.
     */
    public List<String> etfs(EtfCriteria criteria) {
        List<String> keys = cache.getAll(GroupType.ETF);
        if (criteria.holdsSymbol() != null) {
            Set<String> holders = cache.getStock(criteria.holdsSymbol()).map(s -> symbols(s.etfs())).orElse(Set.of());
            keys = keys.stream().filter(holders::contains).toList();
        }
        if (criteria.issuer() == null) {
            return keys;
        }
        String issuer = criteria.issuer().strip().toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += ISSUER_BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + ISSUER_BATCH));
            Map<String, GroupRow> rows = cache.getGroups(GroupType.ETF, batch);
            for (String key : batch) {
                GroupRow row = rows.get(key);
                if (row != null && row.issuer() != null && row.issuer().toLowerCase(Locale.ROOT).equals(issuer)) {
                    found.add(key);
                }
            }
        }
        return found;
    }


    private static boolean hasSector(StockRow stock) {
        return stock != null && stock.sector() != null && !stock.sector().equals(RelationshipAnalytics.UNKNOWN_SECTOR);
    }

    private static void putIfGiven(Map<GroupType, String> named, GroupType type, String key) {
        if (key != null) {
            named.put(type, key.strip());
        }
    }

    private static Set<String> symbols(List<Weighted> members) {
        Set<String> symbols = new HashSet<>(members.size() * 2);
        members.forEach(m -> symbols.add(m.symbol()));
        return symbols;
    }
}
