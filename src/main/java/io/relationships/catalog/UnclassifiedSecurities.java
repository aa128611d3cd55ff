package io.relationships.catalog;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The securities no sector source could classify (in the {@code unknown} sector, or in none), with what makes one
 * matter more than another: the ETFs that hold it and their summed weight. A steward who classifies the heaviest
 * first moves the funds' look-through sector weights the most per row written.
 */
@Service
public class UnclassifiedSecurities {

    /** An ETF's weight of the security, in percent (null when the issuer gave none). */
    public record EtfWeight(String etf, BigDecimal weight) {
    }

    /**
     * @param totalWeight the weights of every ETF holding it, added up (percent points)
     * @param universes   the universes listing it
     */
    public record Unclassified(String symbol, String name, List<EtfWeight> heldBy, BigDecimal totalWeight, List<String> universes) {
    }

    /** How many there are, and the heaviest of them. */
    public record Worklist(long total, List<Unclassified> securities) {
    }

    /** Which securities count: what the enrichment classifies (held, listed or themed), or universe members only. */
    public enum Scope {
        CLASSIFIABLE("'ETF', 'UNIVERSE', 'THEME'"),
        UNIVERSE_MEMBERS("'UNIVERSE'");

        private final String groupTypes;

        Scope(String groupTypes) {
            this.groupTypes = groupTypes;
        }
    }

    private final JdbcClient jdbc;

    UnclassifiedSecurities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@code first} heaviest, then by symbol, and the count of all. */
    public Worklist heaviest(Scope scope, int first) {
        long[] total = {0};
        List<Unclassified> securities = new ArrayList<>();
        jdbc.sql("""
                        with unclassified as (
                            select s.symbol, s.name from securities s
                            where s.asset_type <> 'ETF'
                              and exists (select 1 from group_memberships m join definition_groups g on g.id = m.group_id
                                          where m.symbol = s.symbol and g.type in (%s))
                              and not exists (select 1 from group_memberships m join definition_groups g on g.id = m.group_id
                                              where m.symbol = s.symbol and g.type = 'SECTOR' and g.key <> 'unknown')),
                        weighed as (
                            select u.symbol, u.name,
                                   coalesce(sum(m.weight) filter (where g.type = 'ETF'), 0) as total_weight,
                                   array_agg(g.key order by m.weight desc nulls last, g.key) filter (where g.type = 'ETF') as etfs,
                                   array_agg(m.weight order by m.weight desc nulls last, g.key) filter (where g.type = 'ETF') as weights,
                                   array_agg(g.key order by g.key) filter (where g.type = 'UNIVERSE') as universes
                            from unclassified u
                            left join group_memberships m on m.symbol = u.symbol
                            left join definition_groups g on g.id = m.group_id
                            group by u.symbol, u.name)
                        select *, count(*) over () as total from weighed order by total_weight desc, symbol limit ?""".formatted(scope.groupTypes))
                .param(Math.max(1, first)) // one row at least: it carries the count
                .query(rs -> {
                    total[0] = rs.getLong("total");
                    String[] etfs = strings(rs.getArray("etfs"));
                    Object[] weights = objects(rs.getArray("weights"));
                    List<EtfWeight> heldBy = new ArrayList<>();
                    for (int i = 0; i < etfs.length; i++) {
                        heldBy.add(new EtfWeight(etfs[i], weights[i] == null ? null : Weights.normalise((BigDecimal) weights[i])));
                    }
                    securities.add(new Unclassified(rs.getString("symbol"), rs.getString("name"), heldBy,
                            Weights.normalise(rs.getBigDecimal("total_weight")), List.of(strings(rs.getArray("universes")))));
                });
        return new Worklist(total[0], List.copyOf(securities.subList(0, Math.min(first, securities.size()))));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Object[] objects(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }
}
