package io.relationships.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.relationships.cache.RelationshipAnalytics;
import io.relationships.cache.RelationshipCache;
import io.relationships.cache.RelationshipFilters;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.Symbols;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Etf}: an ETF by symbol, ETFs by filter, and an ETF's holdings now (from the cache). Its past is {@link HistoryController}'s. */
@Controller
class EtfController {

    /** {@code EtfFilter}, as GraphQL gives it. */
    record EtfFilter(String issuer, String holdsSymbol) {
    }

    enum HoldingOrder {
        WEIGHT, SYMBOL
    }

    private static final Keyset<String> BY_SYMBOL = Keyset.of("etfs", Keyset.ascending(symbol -> symbol));
    private static final Keyset<Weighted> BY_WEIGHT = Keyset.of("holdings:WEIGHT", Keyset.descending(Weighted::weight),
            Keyset.ascending(Weighted::symbol));
    private static final Keyset<Weighted> BY_STOCK = Keyset.of("holdings:SYMBOL", Keyset.ascending(Weighted::symbol));

    private final RelationshipCache cache;
    private final RelationshipAnalytics analytics;
    private final RelationshipFilters filters;
    private final ApiProperties properties;

    EtfController(RelationshipCache cache, RelationshipAnalytics analytics, RelationshipFilters filters, ApiProperties properties) {
        this.cache = cache;
        this.analytics = analytics;
        this.filters = filters;
        this.properties = properties;
    }

    @QueryMapping
    GroupRow etf(@Argument String symbol) {
        return cache.getGroup(GroupType.ETF, Arguments.symbol(symbol)).orElse(null);
    }

    @QueryMapping
    Connections.Connection<GroupRow> etfs(@Argument EtfFilter filter, @Argument Integer first, @Argument String after,
                                          @Argument Integer last, @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        EtfFilter f = filter == null ? new EtfFilter(null, null) : filter;
        List<String> symbols = filters.etfs(new RelationshipFilters.EtfCriteria(f.issuer(),
                f.holdsSymbol() == null ? null : Symbols.canonicalOrSelf(f.holdsSymbol())));
        // the page's funds only are loaded
        return Connections.load(Connections.page(symbols, BY_SYMBOL, paging), keys -> cache.getGroups(GroupType.ETF, keys));
    }

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

    /** The weights added up as the files carry them (no 99.99999999999); null when no holding has a weight. */
    @SchemaMapping(typeName = "Etf")
    Double totalWeight(GroupRow etf) {
        return etf.members().stream().anyMatch(m -> m.weight() != null)
                ? Math.round(etf.members().stream().mapToDouble(m -> m.weight() == null ? 0 : m.weight()).sum() * 1e6) / 1e6 : null;
    }

    @SchemaMapping(typeName = "Etf")
    Connections.Connection<Holding> holdings(GroupRow etf, @Argument HoldingOrder orderBy, @Argument Double minWeight,
                                             @Argument Integer first, @Argument String after, @Argument Integer last,
                                             @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        List<Weighted> members = minWeight == null ? etf.members()
                : etf.members().stream().filter(m -> m.weight() != null && m.weight() >= minWeight).toList();
        Keyset<Weighted> order = orderBy == HoldingOrder.SYMBOL ? BY_STOCK : BY_WEIGHT;
        // members come from the cache largest weight first: only another order sorts
        return Connections.page(order == BY_WEIGHT ? members : order.sorted(members), order, paging,
                (m, cursor) -> new Connections.Edge<>(cursor, Holding.ofEtf(etf.key(), m)));
    }

    @SchemaMapping(typeName = "Etf")
    List<SectorWeight> sectorWeights(GroupRow etf) {
        return analytics.sectorWeights(etf).stream().map(w -> new SectorWeight(w.symbol(), w.weight())).toList();
    }
}
