package io.relationships.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.relationships.cache.RelationshipAnalytics;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.MembershipChange;
import io.relationships.catalog.Symbols;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Stocks, ETFs, holdings, sectors, industries, themes and universes. Every nested look-up goes through a batch
 * mapping (a DataLoader), so a query over 50 stocks costs one cache batch per level, and cache misses one Neo4j
 * query per batch.
 */
@Controller
class RelationshipController {

    /** An ETF–stock edge. */
    record Holding(String etf, String stock, Double weight) {
    }

    /** A member of a sector, industry, theme or universe, on a connection edge. */
    record Member(String symbol, Double weight) {
    }

    record Classification(String sector, String industry, String source, Double confidence) {
    }

    record SectorWeight(String key, Double weight) {
    }

    private final RelationshipCache cache;
    private final RelationshipAnalytics analytics;
    private final CatalogHistory history;
    private final ApiProperties properties;

    RelationshipController(RelationshipCache cache, RelationshipAnalytics analytics, CatalogHistory history, ApiProperties properties) {
        this.cache = cache;
        this.analytics = analytics;
        this.history = history;
        this.properties = properties;
    }

    // ------------------------------------------------------------------------------------------------------------
    // queries

    @QueryMapping
    StockRow stock(@Argument String symbol) {
        return cache.getStock(symbol(symbol)).orElse(null);
    }

    @QueryMapping
    List<StockRow> stocks(@Argument List<String> symbols) {
        List<String> canonical = symbols.stream().map(Symbols::canonicalOrSelf).toList();
        Map<String, StockRow> found = cache.getStocks(canonical);
        List<StockRow> ordered = new ArrayList<>(canonical.size());
        canonical.forEach(symbol -> ordered.add(found.get(symbol)));
        return ordered;
    }

    @QueryMapping
    GroupRow etf(@Argument String symbol) {
        return cache.getGroup(GroupType.ETF, symbol(symbol)).orElse(null);
    }

    @QueryMapping
    Connections.Connection<GroupRow> etfs(@Argument Integer first, @Argument String after) {
        Connections.Connection<String> keys = Connections.page(cache.getAll(GroupType.ETF), first, after, properties,
                (key, i) -> new Connections.Edge<>(Connections.cursor(i), key, null));
        Map<String, GroupRow> rows = cache.getGroups(GroupType.ETF, keys.edges().stream().map(Connections.Edge::node).toList());
        List<Connections.Edge<GroupRow>> edges = keys.edges().stream()
                .filter(e -> rows.containsKey(e.node()))
                .map(e -> new Connections.Edge<>(e.cursor(), rows.get(e.node()), null)).toList();
        return new Connections.Connection<>(edges, keys.pageInfo(), keys.totalCount());
    }

    @QueryMapping
    GroupRow sector(@Argument String key) {
        return cache.getGroup(GroupType.SECTOR, key).orElse(null);
    }

    @QueryMapping
    List<GroupRow> sectors() {
        return all(GroupType.SECTOR);
    }

    @QueryMapping
    GroupRow industry(@Argument String key) {
        return cache.getGroup(GroupType.INDUSTRY, key).orElse(null);
    }

    @QueryMapping
    List<GroupRow> industries() {
        return all(GroupType.INDUSTRY);
    }

    @QueryMapping
    GroupRow theme(@Argument String key) {
        return cache.getGroup(GroupType.THEME, key).orElse(null);
    }

    @QueryMapping
    List<GroupRow> themes() {
        return all(GroupType.THEME);
    }

    @QueryMapping
    GroupRow universe(@Argument String key) {
        return cache.getGroup(GroupType.UNIVERSE, key).orElse(null);
    }

    @QueryMapping
    List<GroupRow> universes() {
        return all(GroupType.UNIVERSE);
    }

    private List<GroupRow> all(GroupType type) {
        List<String> keys = cache.getAll(type);
        Map<String, GroupRow> rows = cache.getGroups(type, keys);
        return keys.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Stock

    @BatchMapping(typeName = "Stock", field = "sector")
    Map<StockRow, GroupRow> stockSector(List<StockRow> stocks) {
        return groupOf(stocks, GroupType.SECTOR, StockRow::sector);
    }

    @BatchMapping(typeName = "Stock", field = "industry")
    Map<StockRow, GroupRow> stockIndustry(List<StockRow> stocks) {
        return groupOf(stocks, GroupType.INDUSTRY, StockRow::industry);
    }

    @SchemaMapping(typeName = "Stock")
    Classification classification(StockRow stock) {
        return stock.sector() == null && stock.industry() == null ? null
                : new Classification(stock.sector(), stock.industry(), stock.sectorSource(), stock.sectorConfidence());
    }

    @SchemaMapping(typeName = "Stock")
    List<Holding> etfs(StockRow stock, @Argument Integer first) {
        List<Weighted> etfs = first == null ? stock.etfs()
                : stock.etfs().subList(0, Math.min(Arguments.first(first, 0, properties.maxPageSize()), stock.etfs().size()));
        return etfs.stream().map(e -> new Holding(e.symbol(), stock.symbol(), e.weight())).toList();
    }

    @SchemaMapping(typeName = "Stock")
    int etfCount(StockRow stock) {
        return stock.etfs().size();
    }

    @BatchMapping(typeName = "Stock", field = "themes")
    Map<StockRow, List<GroupRow>> stockThemes(List<StockRow> stocks) {
        return groupsOf(stocks, GroupType.THEME, StockRow::themes);
    }

    @BatchMapping(typeName = "Stock", field = "universes")
    Map<StockRow, List<GroupRow>> stockUniverses(List<StockRow> stocks) {
        return groupsOf(stocks, GroupType.UNIVERSE, s -> s.universes().stream().map(Weighted::symbol).toList());
    }

    @BatchMapping(typeName = "Classification", field = "sector")
    Map<Classification, GroupRow> classificationSector(List<Classification> classifications) {
        return groupOf(classifications, GroupType.SECTOR, Classification::sector);
    }

    @BatchMapping(typeName = "Classification", field = "industry")
    Map<Classification, GroupRow> classificationIndustry(List<Classification> classifications) {
        return groupOf(classifications, GroupType.INDUSTRY, Classification::industry);
    }

    private <S> Map<S, GroupRow> groupOf(List<S> sources, GroupType type, Function<S, String> key) {
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

    private <S> Map<S, List<GroupRow>> groupsOf(List<S> sources, GroupType type, Function<S, List<String>> keys) {
        Set<String> all = new LinkedHashSet<>();
        sources.forEach(s -> all.addAll(keys.apply(s)));
        Map<String, GroupRow> rows = cache.getGroups(type, all);
        Map<S, List<GroupRow>> result = new HashMap<>();
        sources.forEach(s -> result.put(s, keys.apply(s).stream().map(rows::get).filter(java.util.Objects::nonNull).toList()));
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Holding

    @BatchMapping(typeName = "Holding", field = "etf")
    Map<Holding, GroupRow> holdingEtf(List<Holding> holdings) {
        return groupOf(holdings, GroupType.ETF, Holding::etf);
    }

    @BatchMapping(typeName = "Holding", field = "stock")
    Map<Holding, StockRow> holdingStock(List<Holding> holdings) {
        Map<String, StockRow> stocks = cache.getStocks(holdings.stream().map(Holding::stock).distinct().toList());
        Map<Holding, StockRow> result = new HashMap<>();
        holdings.forEach(h -> {
            if (stocks.containsKey(h.stock())) {
                result.put(h, stocks.get(h.stock()));
            }
        });
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Etf

    @SchemaMapping(typeName = "Etf")
    String symbol(GroupRow etf) {
        return etf.key();
    }

    @SchemaMapping(typeName = "Etf")
    LocalDate asOf(GroupRow etf) {
        return etf.asOf() == null ? null : LocalDate.parse(etf.asOf());
    }

    @SchemaMapping(typeName = "Etf")
    OffsetDateTime lastUpdated(GroupRow etf) {
        return etf.lastUpdated() == null ? null : OffsetDateTime.parse(etf.lastUpdated());
    }

    @SchemaMapping(typeName = "Etf")
    int holdingsCount(GroupRow etf) {
        return etf.members().size();
    }

    @SchemaMapping(typeName = "Etf")
    Connections.Connection<Holding> holdings(GroupRow etf, @Argument Integer first, @Argument String after, @Argument Double minWeight) {
        List<Weighted> members = minWeight == null ? etf.members()
                : etf.members().stream().filter(m -> m.weight() != null && m.weight() >= minWeight).toList();
        return Connections.page(members, first, after, properties,
                (m, i) -> new Connections.Edge<>(Connections.cursor(i), new Holding(etf.key(), m.symbol(), m.weight()), m.weight()));
    }

    @SchemaMapping(typeName = "Etf")
    List<SectorWeight> sectorWeights(GroupRow etf) {
        return analytics.sectorWeights(etf).stream().map(w -> new SectorWeight(w.symbol(), w.weight())).toList();
    }

    @BatchMapping(typeName = "SectorWeight", field = "sector")
    Map<SectorWeight, GroupRow> sectorWeightSector(List<SectorWeight> weights) {
        return groupOf(weights, GroupType.SECTOR, SectorWeight::key);
    }

    @SchemaMapping(typeName = "Etf")
    List<Holding> holdingsAsOf(GroupRow etf, @Argument LocalDate date) {
        OffsetDateTime endOfDay = date.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<Holding> holdings = new ArrayList<>();
        history.membersAt(new GroupRef(GroupType.ETF, etf.key()), endOfDay)
                .forEach((symbol, weight) -> holdings.add(new Holding(etf.key(), symbol, weight == null ? null : weight.doubleValue())));
        holdings.sort(java.util.Comparator.comparing((Holding h) -> h.weight() == null ? 0.0 : h.weight()).reversed());
        return holdings;
    }

    @SchemaMapping(typeName = "Etf")
    List<MembershipChange> changes(GroupRow etf, @Argument LocalDate since, @Argument Integer first) {
        OffsetDateTime from = since == null ? null : since.atStartOfDay().atOffset(ZoneOffset.UTC);
        return history.changes(new GroupRef(GroupType.ETF, etf.key()), from, first == null ? 100 : Connections.pageSize(first, properties));
    }

    @SchemaMapping(typeName = "HoldingChange")
    Long runId(MembershipChange change) {
        return change.runId();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Sector, Industry, Theme, Universe

    @SchemaMapping(typeName = "Sector", field = "stockCount")
    int sectorCount(GroupRow group) {
        return group.members().size();
    }

    @SchemaMapping(typeName = "Industry", field = "stockCount")
    int industryCount(GroupRow group) {
        return group.members().size();
    }

    @SchemaMapping(typeName = "Theme", field = "stockCount")
    int themeCount(GroupRow group) {
        return group.members().size();
    }

    @SchemaMapping(typeName = "Universe", field = "stockCount")
    int universeCount(GroupRow group) {
        return group.members().size();
    }

    @SchemaMapping(typeName = "Sector", field = "stocks")
    Connections.Connection<Member> sectorStocks(GroupRow group, @Argument Integer first, @Argument String after) {
        return members(group, first, after);
    }

    @SchemaMapping(typeName = "Industry", field = "stocks")
    Connections.Connection<Member> industryStocks(GroupRow group, @Argument Integer first, @Argument String after) {
        return members(group, first, after);
    }

    @SchemaMapping(typeName = "Theme", field = "stocks")
    Connections.Connection<Member> themeStocks(GroupRow group, @Argument Integer first, @Argument String after) {
        return members(group, first, after);
    }

    @SchemaMapping(typeName = "Universe", field = "stocks")
    Connections.Connection<Member> universeStocks(GroupRow group, @Argument Integer first, @Argument String after) {
        return members(group, first, after);
    }

    /** Members by weight where the group has weights (universes), otherwise by symbol. */
    private Connections.Connection<Member> members(GroupRow group, Integer first, String after) {
        List<Weighted> members = group.members();
        return Connections.page(members, first, after, properties,
                (m, i) -> new Connections.Edge<>(Connections.cursor(i), new Member(m.symbol(), m.weight()), m.weight()));
    }

    @BatchMapping(typeName = "StockEdge", field = "node")
    Map<Connections.Edge<Member>, StockRow> stockEdgeNode(List<Connections.Edge<Member>> edges) {
        Map<String, StockRow> stocks = cache.getStocks(edges.stream().map(e -> e.node().symbol()).distinct().toList());
        Map<Connections.Edge<Member>, StockRow> result = new HashMap<>();
        edges.forEach(e -> {
            if (stocks.containsKey(e.node().symbol())) {
                result.put(e, stocks.get(e.node().symbol()));
            }
        });
        return result;
    }

    /** A symbol in any spelling the loaders accept; text that cannot be a symbol is a client's mistake, said so. */
    private static String symbol(String symbol) {
        return Symbols.canonical(symbol).orElseThrow(() -> new ApiException(ErrorCode.VALIDATION,
                "'" + (symbol.length() > 40 ? symbol.substring(0, 40) + "…" : symbol).replaceAll("\\p{Cntrl}", "?")
                        + "' is not a symbol (letters, digits and . - ^ /, at most 20 characters)"));
    }
}
