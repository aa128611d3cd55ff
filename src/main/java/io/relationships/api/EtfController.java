package io.relationships.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.relationships.cache.RelationshipAnalytics;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.MembershipChange;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Etf} and its {@code HoldingChange}s: an ETF's holdings now (from the cache) and in the past (from the change log). */
@Controller
class EtfController {

    private final RelationshipCache cache;
    private final RelationshipAnalytics analytics;
    private final CatalogHistory history;
    private final ApiProperties properties;

    EtfController(RelationshipCache cache, RelationshipAnalytics analytics, CatalogHistory history, ApiProperties properties) {
        this.cache = cache;
        this.analytics = analytics;
        this.history = history;
        this.properties = properties;
    }

    @QueryMapping
    GroupRow etf(@Argument String symbol) {
        return cache.getGroup(GroupType.ETF, Arguments.symbol(symbol)).orElse(null);
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

    /**
     * From the change log, not the relationship cache; a kept answer still goes when it should: the ETF's history
     * changes only with the ETF, whose entry ({@code etf:KEY}) the answer read to get here.
     */
    @SchemaMapping(typeName = "Etf")
    List<Holding> holdingsAsOf(GroupRow etf, @Argument LocalDate date) {
        OffsetDateTime endOfDay = date.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<Holding> holdings = new ArrayList<>();
        history.membersAt(new GroupRef(GroupType.ETF, etf.key()), endOfDay)
                .forEach((symbol, weight) -> holdings.add(new Holding(etf.key(), symbol, weight == null ? null : weight.doubleValue())));
        holdings.sort(Comparator.comparing((Holding h) -> h.weight() == null ? 0.0 : h.weight()).reversed());
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
}
