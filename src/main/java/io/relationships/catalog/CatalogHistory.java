package io.relationships.catalog;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * History read back from the change log: what a run changed, what a group held at a past moment, what changed
 * in a group since a date. Dry runs are part of it only where asked for (their diff).
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
        Map<GroupRef, List<MembershipChange>> byGroup = new TreeMap<>(java.util.Comparator.comparing(GroupRef::toString));
        groupChanges.keySet().forEach(g -> byGroup.put(g, new ArrayList<>()));
        // at most maxSymbolsPerList rows of each list leave the database: a full load of millions of memberships
        // records millions of changes, which must not all be read to show the first hundred
        jdbc.sql("""
                        select load_run_id, group_type, group_key, symbol, change, old_weight, new_weight, changed_at from (
                            select c.*, row_number() over (partition by group_type, group_key, change order by symbol) as nth
                            from membership_changes c
                            where load_run_id = :run and (change <> 'CHANGED' or old_weight is distinct from new_weight)) listed
                        where nth <= :max order by group_type, group_key, symbol""")
                .param("run", runId).param("max", maxSymbolsPerList)
                .query(rs -> {
                    MembershipChange change = change(rs);
                    byGroup.computeIfAbsent(change.group(), g -> new ArrayList<>()).add(change);
                });
        Map<GroupRef, Integer> otherChanges = new java.util.HashMap<>();
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
        Map<GroupRef, List<String>> added = new TreeMap<>(java.util.Comparator.comparing(GroupRef::toString));
        Map<GroupRef, List<String>> removed = new TreeMap<>(java.util.Comparator.comparing(GroupRef::toString));
        Map<GroupRef, List<MembershipChange>> reweighted = new TreeMap<>(java.util.Comparator.comparing(GroupRef::toString));
        jdbc.sql("""
                        with changes as (
                            select id, group_type, group_key, symbol, change, old_weight, new_weight, changed_at, load_run_id
                            from membership_changes where load_run_id > :from and load_run_id <= :to and applied),
                        firsts as (
                            select distinct on (group_type, group_key, symbol) group_type, group_key, symbol, change, old_weight
                            from changes order by group_type, group_key, symbol, id),
                        lasts as (
                            select distinct on (group_type, group_key, symbol) group_type, group_key, symbol, change, new_weight,
                                   changed_at, load_run_id
                            from changes order by group_type, group_key, symbol, id desc)
                        select f.group_type, f.group_key, f.symbol, f.change <> 'ADDED' as existed, l.change <> 'REMOVED' as exists_now,
                               f.old_weight, l.new_weight, l.changed_at, l.load_run_id
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
                    } else if (existed && !java.util.Objects.equals(oldWeight, newWeight)) {
                        reweighted.computeIfAbsent(group, g -> new ArrayList<>()).add(new MembershipChange(rs.getLong("load_run_id"), group, symbol,
                                MembershipChange.Kind.CHANGED, oldWeight, newWeight, rs.getObject("changed_at", OffsetDateTime.class)));
                    }
                });
        java.util.Set<GroupRef> groups = new java.util.TreeSet<>(java.util.Comparator.comparing(GroupRef::toString));
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

    /** The applied changes of one group after {@code since}, newest first. */
    public List<MembershipChange> changes(GroupRef group, OffsetDateTime since, int limit) {
        return jdbc.sql("""
                        select load_run_id, group_type, group_key, symbol, change, old_weight, new_weight, changed_at
                        from membership_changes
                        where load_run_id in (select load_run_id from group_changes
                                              where group_type = :type and group_key = :key and applied
                                                and (cast(:since as timestamptz) is null or changed_at > :since))
                          and group_type = :type and group_key = :key and applied
                        order by id desc limit :limit""")
                .param("type", group.type().name()).param("key", group.key()).param("since", since).param("limit", limit)
                .query((rs, n) -> change(rs)).list();
    }

    /**
     * What the group held at {@code at}, symbol to weight: today's members with every change applied since
     * {@code at} undone (the oldest such change of a symbol holds its state at that moment).
     */
    public Map<String, BigDecimal> membersAt(GroupRef group, OffsetDateTime at) {
        Map<String, BigDecimal> members = new TreeMap<>();
        jdbc.sql("""
                        with later as (
                            select distinct on (symbol) symbol, change, old_weight
                            from membership_changes
                            where load_run_id in (select load_run_id from group_changes
                                                  where group_type = :type and group_key = :key and applied and changed_at > :at)
                              and group_type = :type and group_key = :key and applied
                            order by symbol, id)
                        select m.symbol, m.weight from group_memberships m
                        join definition_groups g on g.id = m.group_id and g.type = :type and g.key = :key
                        where not exists (select 1 from later l where l.symbol = m.symbol)
                        union all
                        select symbol, old_weight from later where change <> 'ADDED'""")
                .param("type", group.type().name()).param("key", group.key()).param("at", at)
                .query(rs -> {
                    members.put(rs.getString(1), strip(rs.getBigDecimal(2)));
                });
        return members;
    }

    private static MembershipChange change(ResultSet rs) throws SQLException {
        return new MembershipChange(rs.getLong("load_run_id"), new GroupRef(GroupType.valueOf(rs.getString("group_type")), rs.getString("group_key")),
                rs.getString("symbol"), MembershipChange.Kind.valueOf(rs.getString("change")), strip(rs.getBigDecimal("old_weight")),
                strip(rs.getBigDecimal("new_weight")), rs.getObject("changed_at", OffsetDateTime.class));
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
