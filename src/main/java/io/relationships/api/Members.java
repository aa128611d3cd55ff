package io.relationships.api;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.relationships.cache.ReadTags;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.SecurityFacts;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.stereotype.Component;

/**
 * Lists of stocks in the order a client asks for ({@code MemberOrder}, {@code StockOrder}): a group's members, the
 * stocks a filter found. Each order is a {@link Keyset}; what it sorts by is fetched only when it needs it (names from
 * the cache, market caps from the catalog), in one batch for the whole list.
 */
@Component
class Members {

    /** A stock in a list, with what the list's order sorts by (the rest left null). */
    record Member(String symbol, Double weight, String name, Double marketCap) {

        Member(String symbol, Double weight) {
            this(symbol, weight, null, null);
        }
    }

    enum Order {
        WEIGHT, SYMBOL, NAME, MARKET_CAP
    }

    private final RelationshipCache cache;
    private final SecurityFacts facts;

    Members(RelationshipCache cache, SecurityFacts facts) {
        this.cache = cache;
        this.facts = facts;
    }

    /** The order of a list of field {@code field}: its cursors name both, so one field's cursor is refused by another. */
    static Keyset<Member> keyset(String field, Order order) {
        String name = field + ":" + order;
        return switch (order) {
            case WEIGHT -> Keyset.of(name, Keyset.descending(Member::weight), Keyset.ascending(Member::symbol));
            case SYMBOL -> Keyset.of(name, Keyset.ascending(Member::symbol));
            case NAME -> Keyset.of(name, Keyset.ignoringCase(Member::name), Keyset.ascending(Member::symbol));
            case MARKET_CAP -> Keyset.of(name, Keyset.descending(Member::marketCap), Keyset.ascending(Member::symbol));
        };
    }

    /** The members in {@code order}, ready to page with {@link #keyset}. */
    List<Member> sorted(Collection<Weighted> members, String field, Order order) {
        List<String> symbols = members.stream().map(Weighted::symbol).toList();
        Map<String, StockRow> rows = order == Order.NAME ? cache.getStocks(symbols) : Map.of();
        Map<String, SecurityFacts.Facts> caps = order == Order.MARKET_CAP ? marketCaps(symbols) : Map.of();
        List<Member> list = members.stream().map(m -> new Member(m.symbol(), m.weight(),
                rows.containsKey(m.symbol()) ? rows.get(m.symbol()).name() : null,
                caps.containsKey(m.symbol()) ? number(caps.get(m.symbol()).marketCap()) : null)).toList();
        return keyset(field, order).sorted(list);
    }

    /** Market caps are the catalog's (PostgreSQL), not the graph's: an answer ordered by them is dropped by any change. */
    private Map<String, SecurityFacts.Facts> marketCaps(List<String> symbols) {
        ReadTags.dependsOnAnyChange();
        return facts.of(symbols);
    }

    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
