package io.relationships.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relationships.cache.RelationshipAnalytics;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.Symbols;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Overlap, exposure and look-through: the analytics, computed by {@link RelationshipAnalytics}. */
@Controller
class AnalyticsController {

    record EtfWeightInput(String symbol, Double weight) {
    }

    record OverlapHolding(String stock, Double weightInA, Double weightInB) {
    }

    record StockExposure(String stock, double weight) {
    }

    private final RelationshipAnalytics analytics;
    private final RelationshipCache cache;
    private final RelationshipLookups lookups;
    private final ApiProperties properties;

    AnalyticsController(RelationshipAnalytics analytics, RelationshipCache cache, RelationshipLookups lookups, ApiProperties properties) {
        this.analytics = analytics;
        this.cache = cache;
        this.lookups = lookups;
        this.properties = properties;
    }

    @QueryMapping
    RelationshipAnalytics.Overlap etfOverlap(@Argument String a, @Argument String b) {
        String first = Symbols.canonicalOrSelf(a);
        String second = Symbols.canonicalOrSelf(b);
        return analytics.overlap(first, second).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "No ETF " + (cache.getEtfHoldings(first).isEmpty() ? a : b) + " in the catalog"));
    }

    @SchemaMapping(typeName = "EtfOverlap")
    int commonCount(RelationshipAnalytics.Overlap overlap) {
        return overlap.common().size();
    }

    @SchemaMapping(typeName = "EtfOverlap")
    List<OverlapHolding> common(RelationshipAnalytics.Overlap overlap, @Argument Integer first) {
        return Arguments.head(overlap.common(), first, properties.maxPageSize()).stream()
                .map(c -> new OverlapHolding(c.symbol(), c.weightInA(), c.weightInB())).toList();
    }

    @SchemaMapping(typeName = "OverlapHolding")
    StockRow stock(OverlapHolding holding) {
        return cache.getStock(holding.stock()).orElse(null);
    }

    record Exposure(List<String> symbols, List<RelationshipAnalytics.EtfExposure> etfs) {
    }

    @QueryMapping
    Exposure exposure(@Argument List<String> symbols) {
        List<String> canonical = symbols.stream().map(Symbols::canonicalOrSelf).toList();
        return new Exposure(canonical, analytics.exposure(canonical));
    }

    @SchemaMapping(typeName = "Exposure")
    List<StockRow> stocks(Exposure exposure) {
        return lookups.stocksInOrder(exposure.symbols());
    }

    @SchemaMapping(typeName = "EtfExposure")
    GroupRow etf(RelationshipAnalytics.EtfExposure exposure) {
        return cache.getEtfHoldings(exposure.etf()).orElse(null);
    }

    @SchemaMapping(typeName = "EtfExposure")
    List<Holding> holdings(RelationshipAnalytics.EtfExposure exposure) {
        return exposure.holdings().stream().map(h -> new Holding(exposure.etf(), h.symbol(), h.weight())).toList();
    }

    @QueryMapping
    RelationshipAnalytics.LookThrough lookThrough(@Argument List<EtfWeightInput> etfs) {
        Map<String, Double> portfolio = new LinkedHashMap<>();
        for (EtfWeightInput position : etfs) {
            if (position.weight() == null || position.weight() < 0 || position.weight().isNaN()) {
                throw new ApiException(ErrorCode.VALIDATION, "the weight of " + position.symbol() + " must be a non-negative number");
            }
            portfolio.merge(Symbols.canonicalOrSelf(position.symbol()), position.weight(), Double::sum);
        }
        return analytics.lookThrough(portfolio);
    }

    @SchemaMapping(typeName = "LookThrough")
    List<StockExposure> stocks(RelationshipAnalytics.LookThrough lookThrough, @Argument Integer first) {
        return Arguments.head(lookThrough.stocks(), first, properties.maxPageSize()).stream()
                .map(s -> new StockExposure(s.symbol(), s.weight() == null ? 0 : s.weight())).toList();
    }

    @SchemaMapping(typeName = "LookThrough")
    List<SectorWeight> sectors(RelationshipAnalytics.LookThrough lookThrough) {
        return lookThrough.sectors().stream().map(w -> new SectorWeight(w.symbol(), w.weight())).toList();
    }

    @SchemaMapping(typeName = "StockExposure")
    StockRow stock(StockExposure exposure) {
        return cache.getStock(exposure.stock()).orElse(null);
    }
}
