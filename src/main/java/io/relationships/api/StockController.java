package io.relationships.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.relationships.cache.ReadTags;
import io.relationships.cache.RelationshipCache;
import io.relationships.cache.RelationshipFilters;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.SecurityFacts;
import io.relationships.catalog.SecurityFacts.Facts;
import io.relationships.catalog.Symbols;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * {@code Stock} and its {@code Classification}: a stock by symbol, stocks by filter, and what a stock belongs to. Its
 * groups are batch mappings, so the sectors of 50 stocks cost one cache batch; its own figures (market cap, exchange,
 * identifiers) come from the catalog through one DataLoader, so all four fields of 50 stocks cost one query.
 */
@Controller
class StockController {

    record Classification(String sector, String industry, String source, Double confidence) {
    }

    /** {@code StockFilter}, as GraphQL gives it. */
    record StockFilter(String sector, String industry, String universe, String theme, String etf, Boolean hasSector, String exchange) {
    }

    private static final Keyset<Weighted> ETFS = Keyset.of("etfs", Keyset.descending(Weighted::weight), Keyset.ascending(Weighted::symbol));

    private final RelationshipCache cache;
    private final RelationshipLookups lookups;
    private final RelationshipFilters filters;
    private final Members members;
    private final ApiProperties properties;

    StockController(RelationshipCache cache, RelationshipLookups lookups, RelationshipFilters filters, Members members,
                    SecurityFacts facts, BatchLoaderRegistry loaders, ApiProperties properties) {
        this.cache = cache;
        this.lookups = lookups;
        this.filters = filters;
        this.members = members;
        this.properties = properties;
        loaders.forTypePair(String.class, Facts.class).registerMappedBatchLoader((symbols, env) -> Mono.just(facts.of(symbols)));
    }

    @QueryMapping
    StockRow stock(@Argument String symbol) {
        return cache.getStock(Arguments.symbol(symbol)).orElse(null);
    }

    @QueryMapping
    List<StockRow> stocksBySymbol(@Argument List<String> symbols) {
        return lookups.stocksInOrder(symbols.stream().map(Symbols::canonicalOrSelf).toList());
    }

    @QueryMapping
    Connections.Connection<Members.Member> stocks(@Argument StockFilter filter, @Argument Members.Order orderBy, @Argument Integer first,
                                                  @Argument String after, @Argument Integer last, @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        Members.Order order = orderBy == null ? Members.Order.SYMBOL : orderBy;
        StockFilter f = filter == null ? new StockFilter(null, null, null, null, null, null, null) : filter;
        List<Weighted> found = filters.stocks(new RelationshipFilters.StockCriteria(key(f.sector()), key(f.industry()), key(f.universe()), key(f.theme()),
                f.etf() == null ? null : Symbols.canonicalOrSelf(f.etf()), f.hasSector(), f.exchange())).stream()
                .map(symbol -> new Weighted(symbol, null)).toList();
        return Connections.page(members.sorted(found, "allStocks", order), Members.keyset("allStocks", order), paging);
    }

    /** A group key of the filter in any case and spelling, as the root fields take them. */
    private static String key(String key) {
        return key == null ? null : Arguments.groupKey(key);
    }

    @BatchMapping(typeName = "Stock", field = "sector")
    Map<StockRow, GroupRow> sector(List<StockRow> stocks) {
        return lookups.group(stocks, GroupType.SECTOR, StockRow::sector);
    }

    @BatchMapping(typeName = "Stock", field = "industry")
    Map<StockRow, GroupRow> industry(List<StockRow> stocks) {
        return lookups.group(stocks, GroupType.INDUSTRY, StockRow::industry);
    }

    @SchemaMapping(typeName = "Stock")
    Classification classification(StockRow stock) {
        return stock.sector() == null && stock.industry() == null ? null
                : new Classification(stock.sector(), stock.industry(), stock.sectorSource(), stock.sectorConfidence());
    }

    @SchemaMapping(typeName = "Stock")
    CompletableFuture<Double> marketCap(StockRow stock, DataLoader<String, Facts> facts) {
        return fact(stock, facts, f -> f.marketCap() == null ? null : f.marketCap().doubleValue());
    }

    @SchemaMapping(typeName = "Stock")
    CompletableFuture<String> exchange(StockRow stock, DataLoader<String, Facts> facts) {
        return fact(stock, facts, Facts::exchange);
    }

    @SchemaMapping(typeName = "Stock")
    CompletableFuture<String> cusip(StockRow stock, DataLoader<String, Facts> facts) {
        return fact(stock, facts, Facts::cusip);
    }

    @SchemaMapping(typeName = "Stock")
    CompletableFuture<String> isin(StockRow stock, DataLoader<String, Facts> facts) {
        return fact(stock, facts, Facts::isin);
    }

    /** A security's own figure, from the catalog (PostgreSQL): an answer holding one is dropped by any change. */
    private static <T> CompletableFuture<T> fact(StockRow stock, DataLoader<String, Facts> facts, Function<Facts, T> field) {
        ReadTags.dependsOnAnyChange();
        return facts.load(stock.symbol()).thenApply(f -> f == null ? null : field.apply(f));
    }

    @SchemaMapping(typeName = "Stock")
    Connections.Connection<Holding> etfs(StockRow stock, @Argument Integer first, @Argument String after, @Argument Integer last,
                                         @Argument String before) {
        return Connections.page(stock.etfs(), ETFS, Paging.of(first, after, last, before, properties),
                (etf, cursor) -> new Connections.Edge<>(cursor, Holding.ofStock(stock.symbol(), etf)));
    }

    @SchemaMapping(typeName = "Stock")
    int etfCount(StockRow stock) {
        return stock.etfs().size();
    }

    @BatchMapping(typeName = "Stock", field = "themes")
    Map<StockRow, List<GroupRow>> themes(List<StockRow> stocks) {
        return lookups.groups(stocks, GroupType.THEME, StockRow::themes);
    }

    @BatchMapping(typeName = "Stock", field = "universes")
    Map<StockRow, List<GroupRow>> universes(List<StockRow> stocks) {
        return lookups.groups(stocks, GroupType.UNIVERSE, s -> s.universes().stream().map(Weighted::symbol).toList());
    }

    @BatchMapping(typeName = "Classification", field = "sector")
    Map<Classification, GroupRow> classificationSector(List<Classification> classifications) {
        return lookups.group(classifications, GroupType.SECTOR, Classification::sector);
    }

    @BatchMapping(typeName = "Classification", field = "industry")
    Map<Classification, GroupRow> classificationIndustry(List<Classification> classifications) {
        return lookups.group(classifications, GroupType.INDUSTRY, Classification::industry);
    }
}
