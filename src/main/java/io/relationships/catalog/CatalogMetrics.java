package io.relationships.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures the quality checks are made of, measured on the catalog in SQL: coverage, validity, uniqueness,
 * referential integrity, freshness and volume. Each query aggregates in PostgreSQL and returns at most a sample of
 * rows, so the cost stays in the database however large the catalog grows.
 */
@Service
public class CatalogMetrics {

    /** A count with a few of the rows behind it. */
    public record Sampled(long count, List<String> sample) {
    }

    public record Coverage(long total, long unknown, Map<String, Long> bySource, Map<String, Long> bySector) {
    }

    public record GroupFreshness(String key, LocalDate asOf, OffsetDateTime lastUpdated) {
    }

    public record VolumeChange(GroupRef group, long before, long after, long runId) {
    }

    public record WeightSum(String etf, BigDecimal sum) {
    }

    private final JdbcClient jdbc;

    CatalogMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sector classification of the securities that matter: members of a universe when {@code universe} is given,
     * otherwise of any universe; {@code null} with no universe at all counts every classified or held security.
     */
    public Coverage sectorCoverage(String universe) {
        String scope = universe != null
                ? "select m.symbol from group_memberships m join definition_groups g on g.id = m.group_id where g.type = 'UNIVERSE' and g.key = :universe"
                : "select m.symbol from group_memberships m join definition_groups g on g.id = m.group_id where g.type = 'UNIVERSE'";
        boolean anyUniverse = jdbc.sql("select exists (select 1 from definition_groups where type = 'UNIVERSE')").query(Boolean.class).single();
        if (universe == null && !anyUniverse) {
            scope = "select m.symbol from group_memberships m join definition_groups g on g.id = m.group_id where g.type = 'SECTOR'";
        }
        Map<String, Long> bySource = new LinkedHashMap<>();
        Map<String, Long> bySector = new LinkedHashMap<>();
        long[] totals = new long[2];
        jdbc.sql("""
                        with scope as (%s)
                        select coalesce(sg.key, 'unknown') as sector, coalesce(sm.metadata ->> 'source', 'none') as source, count(distinct s.symbol) as n
                        from (select distinct symbol from scope) s
                        left join group_memberships sm on sm.symbol = s.symbol
                             and sm.group_id in (select id from definition_groups where type = 'SECTOR')
                        left join definition_groups sg on sg.id = sm.group_id
                        group by 1, 2""".formatted(scope))
                .param("universe", universe)
                .query(rs -> {
                    long n = rs.getLong("n");
                    String sector = rs.getString("sector");
                    String source = sector.equals("unknown") ? "none" : rs.getString("source");
                    totals[0] += n;
                    if (sector.equals("unknown")) {
                        totals[1] += n;
                    }
                    bySource.merge(source, n, Long::sum);
                    bySector.merge(sector, n, Long::sum);
                });
        return new Coverage(totals[0], totals[1], bySource, bySector);
    }

    /** Securities in any group that have (or lack) a membership of {@code type} (INDUSTRY, THEME). */
    public Sampled withoutMembershipOf(GroupType type) {
        return sampled("""
                select s.symbol from securities s
                where s.asset_type <> 'ETF'
                  and exists (select 1 from group_memberships m join definition_groups g on g.id = m.group_id
                              where m.symbol = s.symbol and g.type in ('ETF', 'UNIVERSE'))
                  and not exists (select 1 from group_memberships m join definition_groups g on g.id = m.group_id
                                  where m.symbol = s.symbol and g.type = '%s')""".formatted(type.name()));
    }

    public long heldOrListed() {
        return jdbc.sql("""
                        select count(*) from securities s where s.asset_type <> 'ETF'
                          and exists (select 1 from group_memberships m join definition_groups g on g.id = m.group_id
                                      where m.symbol = s.symbol and g.type in ('ETF', 'UNIVERSE'))""")
                .query(Long.class).single();
    }

    public Sampled securitiesWithoutName() {
        // securities that no group holds any more are history, not something a reader meets
        return sampled("""
                select s.symbol from securities s
                where (s.name is null or trim(s.name) = '')
                  and exists (select 1 from group_memberships m where m.symbol = s.symbol)""");
    }

    public Sampled groupsOfUnknownType() {
        return sampled("select type || ':' || key from definition_groups where type not in ('ETF', 'SECTOR', 'INDUSTRY', 'THEME', 'UNIVERSE')");
    }

    public Sampled weightsOutOfBounds() {
        return sampled("""
                select g.key || '/' || m.symbol || ' ' || m.weight from group_memberships m join definition_groups g on g.id = m.group_id
                where m.weight < 0 or m.weight > 100""");
    }

    /** ETFs whose holdings (complete files only) add up to further than {@code tolerance} from 100%. */
    public List<WeightSum> etfWeightSumsOutside(BigDecimal tolerance) {
        return jdbc.sql("""
                        select g.key, sum(m.weight) as total from definition_groups g join group_memberships m on m.group_id = g.id
                        where g.type = 'ETF' and coalesce((g.metadata ->> 'partial')::boolean, false) = false
                        group by g.key having abs(sum(m.weight) - 100) > ? order by abs(sum(m.weight) - 100) desc""")
                .param(tolerance)
                .query((rs, n) -> new WeightSum(rs.getString(1), rs.getBigDecimal(2))).list();
    }

    public long etfCount() {
        return jdbc.sql("select count(*) from definition_groups where type = 'ETF'").query(Long.class).single();
    }

    public Sampled duplicateMemberships() {
        return sampled("select g.key || '/' || m.symbol from group_memberships m join definition_groups g on g.id = m.group_id "
                + "group by g.key, m.symbol, m.group_id having count(*) > 1");
    }

    /** Securities whose symbol is not canonical, or that differ from another only in punctuation (BRKB and BRK.B). */
    public Sampled nonCanonicalSymbols() {
        return sampled("""
                select symbol from (
                    select symbol, row_number() over (partition by regexp_replace(symbol, '[.^-]', '', 'g') order by symbol) as nth
                    from securities s where exists (select 1 from group_memberships m where m.symbol = s.symbol)) spelled
                where nth > 1 or symbol <> upper(symbol)""");
    }

    public Sampled orphanMemberships() {
        return sampled("""
                select g.key || '/' || m.symbol from group_memberships m join definition_groups g on g.id = m.group_id
                where not exists (select 1 from securities s where s.symbol = m.symbol)""");
    }

    public Sampled emptyGroups() {
        return sampled("""
                select g.type || ':' || g.key from definition_groups g
                where not exists (select 1 from group_memberships m where m.group_id = g.id)""");
    }

    public List<GroupFreshness> etfFreshness() {
        return jdbc.sql("select key, metadata ->> 'asOf', last_updated from definition_groups where type = 'ETF' order by key")
                .query((rs, n) -> new GroupFreshness(rs.getString(1), rs.getString(2) == null ? null : LocalDate.parse(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    public OffsetDateTime lastSuccessfulLoad() {
        return jdbc.sql("select max(finished_at) from load_runs where status = 'SUCCEEDED' and mode <> 'DRY_RUN' and kind <> 'ROLLBACK'")
                .query(OffsetDateTime.class).optional().orElse(null);
    }

    /** For each group the last applied run changed: its member count before and after that run. */
    public List<VolumeChange> lastVolumeChanges() {
        return jdbc.sql("""
                        with last_change as (
                            select distinct on (c.group_type, c.group_key) c.group_type, c.group_key, c.load_run_id
                            from group_changes c join load_runs r on r.id = c.load_run_id
                            where c.applied and c.change = 'UPDATED' and r.kind <> 'ROLLBACK'
                            order by c.group_type, c.group_key, c.id desc)
                        select l.group_type, l.group_key, l.load_run_id,
                               (select count(*) from group_memberships m join definition_groups g on g.id = m.group_id
                                where g.type = l.group_type and g.key = l.group_key) as now,
                               (select count(*) filter (where change = 'ADDED') - count(*) filter (where change = 'REMOVED')
                                from membership_changes mc where mc.load_run_id = l.load_run_id
                                  and mc.group_type = l.group_type and mc.group_key = l.group_key) as delta
                        from last_change l where l.group_type in ('ETF', 'UNIVERSE')""")
                .query((rs, n) -> new VolumeChange(new GroupRef(GroupType.valueOf(rs.getString(1)), rs.getString(2)),
                        rs.getLong("now") - rs.getLong("delta"), rs.getLong("now"), rs.getLong("load_run_id")))
                .list();
    }

    /** Holdings of every ETF by weight, for the detailed report: ETF → (symbol, weight), largest first, at most {@code top} each. */
    /** Changes whenever the catalog or its load history does (a load, a rollback, a run starting or ending): cheap, by index. */
    public String changeMarker() {
        return jdbc.sql("""
                        select (select coalesce(max(id), 0) from catalog_events) || ':' || (select coalesce(max(id), 0) from load_runs)
                               || ':' || (select count(*) from load_runs where status = 'RUNNING')""")
                .query(String.class).single();
    }

    /** Every ETF's name and number of holdings, by key, in one query. */
    public record EtfSummary(String key, String name, long holdings) {
    }

    public List<EtfSummary> etfSummaries() {
        return jdbc.sql("""
                        select g.key, g.name, coalesce(c.n, 0) from definition_groups g
                        left join (select group_id, count(*) as n from group_memberships group by group_id) c on c.group_id = g.id
                        where g.type = 'ETF' order by g.key""")
                .query((rs, n) -> new EtfSummary(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    public Map<String, List<Map.Entry<String, BigDecimal>>> topHoldings(int top) {
        Map<String, List<Map.Entry<String, BigDecimal>>> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select g.key, top.symbol, top.weight
                        from definition_groups g
                        -- per ETF through the primary key's (group_id, …) prefix and a top-N sort, rather than one sort of
                        -- every membership in the catalog (5M rows at the large scale)
                        cross join lateral (select m.symbol, m.weight from group_memberships m where m.group_id = g.id
                                            order by m.weight desc nulls last, m.symbol limit ?) top
                        where g.type = 'ETF' order by g.key, top.weight desc nulls last, top.symbol""")
                .param(top)
                .query(rs -> {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(Map.entry(rs.getString(2), Weights.normalise(rs.getBigDecimal(3))));
                });
        return result;
    }

    private Sampled sampled(String query) {
        long count = jdbc.sql("select count(*) from (" + query + ") q").query(Long.class).single();
        // the first ten in order, not as the table happens to lie: the same catalog shows the same sample (reports, alerts)
        List<String> sample = count == 0 ? List.of() : jdbc.sql("select * from (" + query + ") q order by 1 limit 10").query(String.class).list();
        return new Sampled(count, sample);
    }
}
