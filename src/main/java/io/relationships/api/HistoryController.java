package io.relationships.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.relationships.cache.ReadTags;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.MembershipChange;
import io.relationships.catalog.MembershipHistory;
import io.relationships.catalog.MembershipHistory.PastMembership;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The past, from the change log by the files' as-of dates ({@link MembershipHistory}): what an ETF held and a
 * universe listed on a day, which ETFs held a stock then, and what changed in an ETF's holdings ({@code HoldingChange}).
 */
@Controller
class HistoryController {

    private static final Keyset<Holding> HOLDINGS = Keyset.of("holdingsAsOf", Keyset.descending(Holding::weight),
            Keyset.ascending(Holding::stock));
    private static final Keyset<Holding> HOLDERS = Keyset.of("etfsAsOf", Keyset.descending(Holding::weight),
            Keyset.ascending(Holding::etf));
    private static final Keyset<Members.Member> MEMBERS = Members.keyset("stocksAsOf", Members.Order.WEIGHT);
    private static final Keyset<MembershipChange> CHANGES = Keyset.byId("changes", MembershipChange::id, true);

    private final MembershipHistory history;
    private final ApiProperties properties;

    HistoryController(MembershipHistory history, ApiProperties properties) {
        this.history = history;
        this.properties = properties;
    }

    @SchemaMapping(typeName = "Etf")
    Connections.Connection<Holding> holdingsAsOf(GroupRow etf, @Argument LocalDate date, @Argument OffsetDateTime knownAt,
                                                 @Argument Integer first, @Argument String after, @Argument Integer last,
                                                 @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        ReadTags.dependsOnAnyChange(); // the change log (PostgreSQL): a backdated file or a rollback rewrites the past
        List<Holding> holdings = history.membersAsOf(new GroupRef(GroupType.ETF, etf.key()), date, knownAt).stream()
                .map(HistoryController::holding).toList();
        return Connections.page(HOLDINGS.sorted(holdings), HOLDINGS, paging);
    }

    @SchemaMapping(typeName = "Stock")
    Connections.Connection<Holding> etfsAsOf(StockRow stock, @Argument LocalDate date, @Argument OffsetDateTime knownAt,
                                             @Argument Integer first, @Argument String after, @Argument Integer last,
                                             @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        ReadTags.dependsOnAnyChange(); // the change log (PostgreSQL): a backdated file or a rollback rewrites the past
        List<Holding> holders = history.groupsListingAsOf(GroupType.ETF, stock.symbol(), date, knownAt).stream()
                .map(HistoryController::holding).toList();
        return Connections.page(HOLDERS.sorted(holders), HOLDERS, paging);
    }

    @SchemaMapping(typeName = "Universe")
    Connections.Connection<Members.Member> stocksAsOf(GroupRow universe, @Argument LocalDate date, @Argument OffsetDateTime knownAt,
                                                      @Argument Integer first, @Argument String after, @Argument Integer last,
                                                      @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        ReadTags.dependsOnAnyChange(); // the change log (PostgreSQL): a backdated file or a rollback rewrites the past
        List<Members.Member> members = history.membersAsOf(new GroupRef(GroupType.UNIVERSE, universe.key()), date, knownAt).stream()
                .map(m -> new Members.Member(m.symbol(), number(m.weight()))).toList();
        return Connections.page(MEMBERS.sorted(members), MEMBERS, paging, (m, cursor) -> new Connections.Edge<>(cursor, m, m.weight()));
    }

    @SchemaMapping(typeName = "Etf")
    Connections.Connection<MembershipChange> changes(GroupRow etf, @Argument LocalDate since, @Argument Integer first,
                                                     @Argument String after, @Argument Integer last, @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        ReadTags.dependsOnAnyChange(); // the change log (PostgreSQL): a backdated file or a rollback rewrites the past
        GroupRef group = new GroupRef(GroupType.ETF, etf.key());
        return Connections.slice(window -> history.changes(group, since, window),
                CHANGES, paging, history.countChanges(group, since));
    }

    @SchemaMapping(typeName = "HoldingChange")
    Long runId(MembershipChange change) {
        return change.runId();
    }

    private static Holding holding(PastMembership m) {
        return new Holding(m.group(), m.symbol(), number(m.weight()), number(m.shares()), number(m.marketValue()));
    }

    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
