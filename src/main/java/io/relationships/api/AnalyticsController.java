package io.relationships.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relationships.cache.RelationshipAnalytics;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.Symbols;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
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

    /** The orders the analytics sort in, as keysets: largest overlapping weight, exposure or weight first, then by symbol. */
    private static final Keyset<RelationshipAnalytics.Common> COMMON = Keyset.of("common",
            Keyset.descending(c -> Math.min(value(c.weightInA()), value(c.weightInB()))), Keyset.ascending(RelationshipAnalytics.Common::symbol));
    private static final Keyset<RelationshipAnalytics.EtfExposure> EXPOSED = Keyset.of("exposure",
            Keyset.descending(RelationshipAnalytics.EtfExposure::weight), Keyset.ascending(RelationshipAnalytics.EtfExposure::etf));
    private static final Keyset<Weighted> EXPOSURES = Keyset.of("lookThrough", Keyset.descending(Weighted::weight),
            Keyset.ascending(Weighted::symbol));

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
    Connections.Connection<OverlapHolding> common(RelationshipAnalytics.Overlap overlap, @Argument Integer first, @Argument String after,
                                                  @Argument Integer last, @Argument String before) {
        return Connections.page(overlap.common(), COMMON, Paging.of(first, after, last, before, properties),
                (c, cursor) -> new Connections.Edge<>(cursor, new OverlapHolding(c.symbol(), c.weightInA(), c.weightInB())));
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
    Connections.Connection<RelationshipAnalytics.EtfExposure> etfs(Exposure exposure, @Argument Integer first, @Argument String after,
                                                                   @Argument Integer last, @Argument String before) {
        return Connections.page(exposure.etfs(), EXPOSED, Paging.of(first, after, last, before, properties));
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
        return exposure.holdings().stream().map(h -> Holding.ofEtf(exposure.etf(), h)).toList();
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
    Connections.Connection<StockExposure> stocks(RelationshipAnalytics.LookThrough lookThrough, @Argument Integer first,
                                                 @Argument String after, @Argument Integer last, @Argument String before) {
        return Connections.page(lookThrough.stocks(), EXPOSURES, Paging.of(first, after, last, before, properties),
                (s, cursor) -> new Connections.Edge<>(cursor, new StockExposure(s.symbol(), s.weight() == null ? 0 : s.weight())));
    }

    @SchemaMapping(typeName = "LookThrough")
    List<SectorWeight> sectors(RelationshipAnalytics.LookThrough lookThrough) {
        return lookThrough.sectors().stream().map(w -> new SectorWeight(w.symbol(), w.weight())).toList();
    }

    @SchemaMapping(typeName = "StockExposure")
    StockRow stock(StockExposure exposure) {
        return cache.getStock(exposure.stock()).orElse(null);
    }

    private static double value(Double weight) {
        return weight == null ? 0 : weight;
    }
}
