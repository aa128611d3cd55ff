package io.relationships.api;

import java.util.List;
import java.util.Map;

import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.GroupType;
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
 * {@code Stock} and its {@code Classification}: a stock by symbol and what it belongs to. Its groups are batch
 * mappings, so the sectors of 50 stocks cost one cache batch.
 */
@Controller
class StockController {

    record Classification(String sector, String industry, String source, Double confidence) {
    }

    private final RelationshipCache cache;
    private final RelationshipLookups lookups;
    private final ApiProperties properties;

    StockController(RelationshipCache cache, RelationshipLookups lookups, ApiProperties properties) {
        this.cache = cache;
        this.lookups = lookups;
        this.properties = properties;
    }

    @QueryMapping
    StockRow stock(@Argument String symbol) {
        return cache.getStock(Arguments.symbol(symbol)).orElse(null);
    }

    @QueryMapping
    List<StockRow> stocks(@Argument List<String> symbols) {
        return lookups.stocksInOrder(symbols.stream().map(Symbols::canonicalOrSelf).toList());
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
    List<Holding> etfs(StockRow stock, @Argument Integer first) {
        return Arguments.head(stock.etfs(), first, properties.maxPageSize()).stream()
                .map(e -> new Holding(e.symbol(), stock.symbol(), e.weight())).toList();
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
