package io.relationships.catalog;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What runs changed, read back from the change log: one run's diff (for a dry run: what it would have changed) and
 * the net of the runs between two. What groups held on a day is {@link MembershipHistory}'s.
 */
@Service
public class CatalogHistory {

    private final JdbcClient jdbc;

    CatalogHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The diff a run recorded (for a dry run: the diff it would have applied), per group. */
    public List<GroupDiff> diff(long runId, int maxSymbolsPerList) {
        Map<GroupRef, String> groupChanges = new LinkedHashMap<>();
        jdbc.sql("select group_type, group_key, change from group_changes where load_run_id = ? order by group_type, group_key")
                .param(runId)
                .query(rs -> {
                    groupChanges.put(new GroupRef(GroupType.valueOf(rs.getString(1)), rs.getString(2)), rs.getString(3));
                });
        Map<GroupRef, List<MembershipChange>> byGroup = new TreeMap<>(Comparator.comparing(GroupRef::toString));
        groupChanges.keySet().forEach(g -> byGroup.put(g, new ArrayList<>()));
        // at most maxSymbolsPerList rows of each list leave the database: a full load of millions of memberships
        // records millions of changes, which must not all be read to show the first hundred
        jdbc.sql("""
                        select id, load_run_id, group_type, group_key, symbol, change, old_weight, new_weight, changed_at from (
                            select c.*, row_number() over (partition by group_type, group_key, change order by symbol) as nth
                            from membership_changes c
                            where load_run_id = :run and (change <> 'CHANGED' or old_weight is distinct from new_weight)) listed
                        where nth <= :max order by group_type, group_key, symbol""")
                .param("run", runId).param("max", maxSymbolsPerList)
                .query(rs -> {
                    MembershipChange change = change(rs, false);
                    byGroup.computeIfAbsent(change.group(), g -> new ArrayList<>()).add(change);
                });
        Map<GroupRef, Integer> otherChanges = new HashMap<>();
        jdbc.sql("""
                        select group_type, group_key, count(*) from membership_changes
                        where load_run_id = ? and change = 'CHANGED' and old_weight is not distinct from new_weight
                        group by group_type, group_key""")
                .param(runId)
                .query(rs -> {
                    GroupRef group = new GroupRef(GroupType.valueOf(rs.getString(1)), rs.getString(2));
                    otherChanges.put(group, rs.getInt(3));
                    byGroup.computeIfAbsent(group, g -> new ArrayList<>());
                });
        List<GroupDiff> diffs = new ArrayList<>();
        byGroup.forEach((group, changes) -> {
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<MembershipChange> reweighted = new ArrayList<>();
            for (MembershipChange c : changes) {
                switch (c.change()) {
                    case ADDED -> added.add(c.symbol());
                    case REMOVED -> removed.add(c.symbol());
                    case CHANGED -> reweighted.add(c);
                }
            }
            diffs.add(new GroupDiff(group, groupChanges.get(group), added, removed, reweighted, otherChanges.getOrDefault(group, 0)));
        });
        return diffs;
    }

    /**
     * What the catalog gained and lost between the state after run {@code fromRun} and the state after run
     * {@code toRun} (applied runs in between, rollbacks included), per group: each membership's state before the
     * first of those changes against its state after the last, so that a symbol added and removed again is no change.
     */
    public List<GroupDiff> diffBetween(long fromRun, long toRun, int maxSymbolsPerList) {
        Map<GroupRef, List<String>> added = new TreeMap<>(Comparator.comparing(GroupRef::toString));
        Map<GroupRef, List<String>> removed = new TreeMap<>(Comparator.comparing(GroupRef::toString));
        Map<GroupRef, List<MembershipChange>> reweighted = new TreeMap<>(Comparator.comparing(GroupRef::toString));
        jdbc.sql("""
                        with changes as (
                            select id, group_type, group_key, symbol, change, old_weight, new_weight, changed_at, load_run_id
                            from membership_changes where load_run_id > :from and load_run_id <= :to and applied),
                        firsts as (
                            select distinct on (group_type, group_key, symbol) group_type, group_key, symbol, change, old_weight
                            from changes order by group_type, group_key, symbol, id),
                        lasts as (
                            select distinct on (group_type, group_key, symbol) group_type, group_key, symbol, change, new_weight,
                                   changed_at, load_run_id, id
                            from changes order by group_type, group_key, symbol, id desc)
                        select f.group_type, f.group_key, f.symbol, f.change <> 'ADDED' as existed, l.change <> 'REMOVED' as exists_now,
                               f.old_weight, l.new_weight, l.changed_at, l.load_run_id, l.id
                        from firsts f join lasts l using (group_type, group_key, symbol)
                        order by f.group_type, f.group_key, f.symbol""")
                .param("from", fromRun).param("to", toRun)
                .query(rs -> {
                    GroupRef group = new GroupRef(GroupType.valueOf(rs.getString("group_type")), rs.getString("group_key"));
                    boolean existed = rs.getBoolean("existed");
                    boolean existsNow = rs.getBoolean("exists_now");
                    BigDecimal oldWeight = strip(rs.getBigDecimal("old_weight"));
                    BigDecimal newWeight = strip(rs.getBigDecimal("new_weight"));
                    String symbol = rs.getString("symbol");
                    if (!existed && existsNow) {
                        added.computeIfAbsent(group, g -> new ArrayList<>()).add(symbol);
                    } else if (existed && !existsNow) {
                        removed.computeIfAbsent(group, g -> new ArrayList<>()).add(symbol);
                    } else if (existed && !Objects.equals(oldWeight, newWeight)) {
                        reweighted.computeIfAbsent(group, g -> new ArrayList<>()).add(new MembershipChange(rs.getLong("id"), rs.getLong("load_run_id"), group,
                                symbol, MembershipChange.Kind.CHANGED, oldWeight, newWeight, rs.getObject("changed_at", OffsetDateTime.class), null));
                    }
                });
        Set<GroupRef> groups = new TreeSet<>(Comparator.comparing(GroupRef::toString));
        groups.addAll(added.keySet());
        groups.addAll(removed.keySet());
        groups.addAll(reweighted.keySet());
        List<GroupDiff> diffs = new ArrayList<>();
        for (GroupRef group : groups) {
            diffs.add(new GroupDiff(group, null, limit(added.getOrDefault(group, List.of()), maxSymbolsPerList),
                    limit(removed.getOrDefault(group, List.of()), maxSymbolsPerList), limit(reweighted.getOrDefault(group, List.of()), maxSymbolsPerList), 0));
        }
        return diffs;
    }

    /** A line of the change log as read (its {@code asOf} only where the query selects one). */
    static MembershipChange change(ResultSet rs, boolean withAsOf) throws SQLException {
        return new MembershipChange(rs.getLong("id"), rs.getLong("load_run_id"),
                new GroupRef(GroupType.valueOf(rs.getString("group_type")), rs.getString("group_key")), rs.getString("symbol"),
                MembershipChange.Kind.valueOf(rs.getString("change")), strip(rs.getBigDecimal("old_weight")),
                strip(rs.getBigDecimal("new_weight")), rs.getObject("changed_at", OffsetDateTime.class),
                withAsOf ? rs.getObject("as_of", LocalDate.class) : null);
    }

    private static BigDecimal strip(BigDecimal value) {
        return Weights.normalise(value);
    }

    private static <T> List<T> limit(List<T> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }

    /**
     * Where the catalog stands, as a value that changes whenever a run changes anything: the last change-log entry
     * (every applied change, its rollback and the securities' updates move it) and the securities' count and last
     * update. Equal positions mean equal catalogs, so work derived from the catalog can be skipped between them.
     */
    public String position() {
        return jdbc.sql("""
                        select (select coalesce(max(id), 0) from membership_changes) || ':'
                               || (select count(*) || '@' || coalesce(max(updated_at)::text, '') from securities)""")
                .query(String.class).single();
    }
}
