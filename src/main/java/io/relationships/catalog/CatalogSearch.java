package io.relationships.catalog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Typeahead over the catalog: stocks, ETFs and groups whose symbol (or key) or name matches a text, ranked in tiers —
 * the exact symbol, symbols starting with the text, names holding each of its words, names with words starting with
 * them — and within a tier groups before ETFs before stocks, larger first (a stock by market cap, then by how many
 * groups list it: {@code securities.group_count}, kept by the writer). One query: a branch per tier, each sorted
 * on its own and cut to the page, joined by {@code UNION ALL} under the page's {@code LIMIT}, so that PostgreSQL stops
 * reading as soon as the better tiers fill the page (a one-letter text never reaches the names). Symbols and keys are
 * matched through their b-tree ({@code text_pattern_ops}), names through the GIN index on their folded words
 * ({@code search_name}, migration V9); a name's words are the ones PostgreSQL's parser makes of it, and so are the
 * text's.
 */
@Service
public class CatalogSearch {

    public enum Kind {
        STOCK, ETF, SECTOR, INDUSTRY, THEME, UNIVERSE
    }

    public enum Match {
        SYMBOL, SYMBOL_PREFIX, NAME_WORD, NAME_PREFIX
    }

    /** A hit: what it is, its symbol (stocks, ETFs) or key (groups), its name, and how it matched. */
    public record Hit(Kind kind, String label, String name, Match match) {
    }

    /** The folded text's words as a full-text query: each a whole word ({@code words}) or a word's start ({@code prefixes}). */
    private static final String QUERY = """
            with q as (select to_tsquery('simple', (select string_agg(quote_literal(lexeme), ' & ')
                                                    from unnest(to_tsvector('simple', search_fold(:text))))) as words,
                              to_tsquery('simple', (select string_agg(quote_literal(lexeme) || ':*', ' & ')
                                                    from unnest(to_tsvector('simple', search_fold(:text))))) as prefixes)
            """;

    /**
     * A label (symbol or key) that starts with the text, as a symbol or as a key: a range of the b-tree's byte order
     * ({@code text_pattern_ops}' operators) rather than a {@code LIKE} pattern, because a range of parameters keeps its
     * index in a generic plan. So after a few runs PostgreSQL stops planning the query (a millisecond each time for
     * this union of eight branches) and reuses one plan for every text.
     */
    private static final String STARTS = "((%1$s ~>=~ :from and %1$s ~<~ :to) or (%1$s ~>=~ :keyFrom and %1$s ~<~ :keyTo))";

    /** Each tier's condition on a label and a name's words; {@code %1$s} is the label column, {@code %2$s} the words. */
    private static final List<String> TIERS = List.of(
            "(%1$s = :exact or %1$s = :exactKey)",
            STARTS + " and %1$s not in (:exact, :exactKey)",
            "%2$s @@ q.words and not (" + STARTS + " or %1$s = :exactKey)",
            "%2$s @@ q.prefixes and not (%2$s @@ q.words) and not (" + STARTS + " or %1$s = :exactKey)");

    private static final String STOCKS = """
            select 'STOCK' as kind, 6 as kind_order, s.symbol as label, s.name, cast(s.market_cap as float8) as size, s.group_count as listed
            from securities s cross join q
            where %s and s.group_count > 0
              and not exists (select 1 from definition_groups e where e.type = 'ETF' and e.key = s.symbol)""";

    private static final String GROUPS = """
            select g.type as kind,
                   case g.type when 'SECTOR' then 1 when 'INDUSTRY' then 2 when 'THEME' then 3 when 'UNIVERSE' then 4 else 5 end as kind_order,
                   g.key as label, g.name,
                   coalesce(cast(g.metadata ->> 'rowCount' as float8), (select count(*) from group_memberships m where m.group_id = g.id)) as size,
                   0 as listed
            from definition_groups g cross join q
            where g.type = any(cast(:types as text[])) and %s""";

    private final JdbcClient jdbc;
    /** The query text for stocks, groups or both: built once, so that the driver's and the server's prepared statements are reused. */
    private final Map<Boolean, Map<Boolean, String>> queries = new ConcurrentHashMap<>();

    CatalogSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} hits of the kinds asked for (all when empty), best first. */
    public List<Hit> search(String text, Set<Kind> kinds, int limit) {
        if (TextFolding.words(text).isEmpty() || limit == 0) {
            return List.of();
        }
        Set<Kind> wanted = kinds.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(kinds);
        String[] types = wanted.stream().filter(k -> k != Kind.STOCK).map(Enum::name).toArray(String[]::new);
        boolean stocks = wanted.contains(Kind.STOCK);
        boolean groups = types.length > 0;
        String query = queries.computeIfAbsent(stocks, s -> new ConcurrentHashMap<>()).computeIfAbsent(groups, g -> query(stocks, groups));
        String exact = Symbols.canonical(text).orElse("");
        String exactKey = String.join("_", TextFolding.words(text));
        return jdbc.sql(query)
                .param("text", text).param("exact", exact).param("exactKey", exactKey)
                .param("from", exact).param("to", successor(exact)).param("keyFrom", exactKey).param("keyTo", successor(exactKey))
                .param("types", types).param("limit", limit)
                .query((rs, n) -> new Hit(Kind.valueOf(rs.getString("kind")), rs.getString("label"), rs.getString("name"),
                        Match.values()[rs.getInt("tier")]))
                .list();
    }

    private static String query(boolean stocks, boolean groups) {
        List<String> branches = new ArrayList<>();
        for (int tier = 0; tier < TIERS.size(); tier++) {
            List<String> parts = new ArrayList<>();
            if (stocks) {
                parts.add(STOCKS.formatted(TIERS.get(tier).formatted("s.symbol", "s.search_name")));
            }
            if (groups) {
                parts.add(GROUPS.formatted(TIERS.get(tier).formatted("g.key", "g.search_name")));
            }
            branches.add("(select kind, label, name, " + tier + " as tier from (" + String.join("\nunion all\n", parts)
                    + ") hits order by kind_order, size desc nulls last, listed desc, label limit :limit)");
        }
        return QUERY + String.join("\nunion all\n", branches) + "\nlimit :limit";
    }

    /** The first text after every text that starts with {@code text} (empty for empty: the range then holds nothing). */
    private static String successor(String text) {
        return text.isEmpty() ? "" : text.substring(0, text.length() - 1) + (char) (text.charAt(text.length() - 1) + 1);
    }
}
