package io.relationships.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The change log's side of a run: the diff between what a run staged and the catalog, computed in SQL and logged
 * (membership, group and security changes); applying it; the outbox entries; and the run's counts. Runs inside the
 * run's transaction; {@link CatalogWriter} decides the order.
 */
@Component
class ChangeLog {

    private final JdbcClient jdbc;

    ChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Logs the difference between what was staged and the catalog (the groups in scope), under the run. */
    void recordDiff(UpdatePlan plan, boolean derived, RunTimings timings) {
        String[] replaceTypes = plan.replaceUnstaged().stream().map(Enum::name).toArray(String[]::new);
        jdbc.sql("drop table if exists scope_groups").update();
        jdbc.sql("""
                        create temp table scope_groups on commit drop as
                        select g.id, g.type, g.key from definition_groups g
                        where g.type = any(?) or exists (select 1 from stage_groups s where s.group_type = g.type and s.group_key = g.key)
                           or exists (select 1 from stage_removals r where r.group_type = g.type and r.group_key = g.key)""")
                .param(replaceTypes).update();
        timings.lap("scope");
        jdbc.sql("create index if not exists stage_memberships_key on stage_memberships (group_type, group_key, symbol)").update();
        timings.lap("index staged");

        jdbc.sql("""
                        insert into membership_changes (load_run_id, group_type, group_key, symbol, change, old_weight, new_weight,
                                                        old_metadata, new_metadata, applied, derived)
                        select :run, coalesce(s.group_type, c.type), coalesce(s.group_key, c.key), coalesce(s.symbol, c.symbol),
                               case when c.symbol is null then 'ADDED' when s.symbol is null then 'REMOVED' else 'CHANGED' end,
                               c.weight, s.weight, c.metadata, s.metadata, :apply, :derived
                        from (select sg.type, sg.key, m.symbol, m.weight, m.metadata
                              from scope_groups sg join group_memberships m on m.group_id = sg.id) c
                        full join stage_memberships s on s.group_type = c.type and s.group_key = c.key and s.symbol = c.symbol
                        where c.symbol is null or s.symbol is null
                           or c.weight is distinct from s.weight or c.metadata is distinct from s.metadata""")
                .param("run", plan.runId()).param("apply", plan.apply()).param("derived", derived).update();
        timings.lap("diff memberships");

        // a group is logged when its own row changes or any of its memberships does, so that rollback restores
        // last_updated too; groups without a file in a full run are deleted
        jdbc.sql("""
                        insert into group_changes (load_run_id, group_type, group_key, change, old_row, new_row, applied)
                        select :run, coalesce(s.group_type, g.type), coalesce(s.group_key, g.key),
                               case when g.id is null then 'CREATED' when s.group_key is null then 'DELETED' else 'UPDATED' end,
                               case when g.id is null then null else to_jsonb(g) end,
                               case when s.group_key is null then null
                                    else jsonb_build_object('type', s.group_type, 'key', s.group_key, 'name', s.name,
                                                            'description', s.description, 'source', s.source, 'metadata', s.metadata) end,
                               :apply
                        from (select d.* from definition_groups d join scope_groups sg on sg.id = d.id) g
                        full join stage_groups s on s.group_type = g.type and s.group_key = g.key
                        where g.id is null or s.group_key is null
                           or g.name is distinct from s.name or g.description is distinct from s.description
                           or g.source is distinct from s.source or g.metadata is distinct from s.metadata
                           or exists (select 1 from membership_changes c where c.load_run_id = :run
                                      and c.group_type = s.group_type and c.group_key = s.group_key)""")
                .param("run", plan.runId()).param("apply", plan.apply()).update();
        timings.lap("diff groups");

        jdbc.sql("""
                        insert into security_changes (load_run_id, symbol, change, old_row, applied)
                        select :run, s.symbol, case when x.symbol is null then 'CREATED' else 'UPDATED' end,
                               case when x.symbol is null then null else to_jsonb(x) end, :apply
                        from stage_securities s left join securities x on x.symbol = s.symbol
                        where x.symbol is null
                           or (x.name is null and s.name is not null)
                           or (x.exchange is null and s.exchange is not null)
                           or (x.cusip is null and s.cusip is not null)
                           or (x.isin is null and s.isin is not null)
                           or (s.market_cap is not null and x.market_cap is distinct from s.market_cap)
                           or (s.asset_type = 'ETF' and x.asset_type <> 'ETF')""")
                .param("run", plan.runId()).param("apply", plan.apply()).update();
        timings.lap("diff securities");
    }

    /** Applies what {@link #recordDiff} logged: securities, groups, then the memberships logged after {@code fromChange}. */
    void applyDiff(long runId, long fromChange, RunTimings timings) {
        jdbc.sql("""
                        insert into securities (symbol, name, asset_type, exchange, market_cap, cusip, isin, created_by_run)
                        select s.symbol, s.name, coalesce(s.asset_type, 'STOCK'), s.exchange, s.market_cap, s.cusip, s.isin, :run
                        from stage_securities s join security_changes c on c.symbol = s.symbol and c.load_run_id = :run
                        on conflict (symbol) do update set
                            name = coalesce(securities.name, excluded.name),
                            exchange = coalesce(securities.exchange, excluded.exchange),
                            cusip = coalesce(securities.cusip, excluded.cusip),
                            isin = coalesce(securities.isin, excluded.isin),
                            market_cap = coalesce(excluded.market_cap, securities.market_cap),
                            asset_type = case when excluded.asset_type = 'ETF' then 'ETF' else securities.asset_type end,
                            updated_at = now()""")
                .param("run", runId).update();
        timings.lap("apply securities");

        jdbc.sql("""
                        insert into definition_groups (type, key, name, description, source, metadata, last_updated)
                        select s.group_type, s.group_key, s.name, s.description, s.source, s.metadata, now()
                        from stage_groups s
                        join group_changes c on c.load_run_id = :run and c.group_type = s.group_type and c.group_key = s.group_key
                        on conflict (type, key) do update set name = excluded.name, description = excluded.description,
                            source = excluded.source, metadata = excluded.metadata, last_updated = now()""")
                .param("run", runId).update();
        timings.lap("apply groups");

        applyMembershipChanges(runId, fromChange, false, timings);

        jdbc.sql("""
                        delete from definition_groups g using group_changes c
                        where c.load_run_id = ? and c.change = 'DELETED' and g.type = c.group_type and g.key = c.group_key""")
                .param(runId).update();
        timings.lap("delete groups");
    }

    /** Applies the membership rows logged under {@code runId} after {@code fromChange}, forwards or (for a rollback) backwards. */
    void applyMembershipChanges(long runId, long fromChange, boolean inverse, RunTimings timings) {
        String added = inverse ? "REMOVED" : "ADDED";
        String removed = inverse ? "ADDED" : "REMOVED";
        String weight = inverse ? "old_weight" : "new_weight";
        String metadata = inverse ? "old_metadata" : "new_metadata";
        jdbc.sql("""
                        delete from group_memberships m using definition_groups g, membership_changes c
                        where c.load_run_id = ? and c.id > ? and c.change = ? and g.type = c.group_type and g.key = c.group_key
                          and m.group_id = g.id and m.symbol = c.symbol""")
                .params(runId, fromChange, removed).update();
        timings.lap("apply removals");
        Runnable insert = () -> jdbc.sql("""
                        insert into group_memberships (group_id, symbol, weight, metadata)
                        select g.id, c.symbol, c.%s, c.%s
                        from membership_changes c join definition_groups g on g.type = c.group_type and g.key = c.group_key
                        where c.load_run_id = ? and c.id > ? and c.change = ?""".formatted(weight, metadata))
                .params(runId, fromChange, added).update();
        if (BulkMemberships.applies(jdbc, runId, fromChange, added)) {
            BulkMemberships.insert(jdbc, insert);
            timings.lap("apply additions (bulk)");
        } else {
            insert.run();
            timings.lap("apply additions");
        }
        jdbc.sql("""
                        update group_memberships m set weight = c.%s, metadata = c.%s
                        from membership_changes c, definition_groups g
                        where c.load_run_id = ? and c.id > ? and c.change = 'CHANGED' and g.type = c.group_type and g.key = c.group_key
                          and m.group_id = g.id and m.symbol = c.symbol""".formatted(weight, metadata))
                .params(runId, fromChange).update();
        // the securities that gained or lost a group: their count, which the search reads instead of counting
        jdbc.sql("""
                        update securities s set group_count = (select count(*) from group_memberships m where m.symbol = s.symbol)
                        where s.symbol in (select c.symbol from membership_changes c where c.load_run_id = ? and c.id > ? and c.change <> 'CHANGED')""")
                .params(runId, fromChange).update();
        timings.lap("apply changes");
    }

    /** The outbox entries of the run: one per group it changed, for the graph sync. */
    void recordEvents(long runId) {
        jdbc.sql("""
                        insert into catalog_events (load_run_id, group_type, group_key)
                        select distinct load_run_id, group_type, group_key from group_changes where load_run_id = ?""")
                .param(runId).update();
    }

    /** The first round's counts: what the run's own files changed (staged rows not added or changed are unchanged). */
    RunCounts counts(long runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select change, count(*) as n from membership_changes where load_run_id = ? and not derived group by change")
                .param(runId).query(rs -> {
                    counts.put(rs.getString("change"), rs.getLong("n"));
                });
        long staged = jdbc.sql("select count(*) from stage_memberships").query(Long.class).single();
        long added = counts.getOrDefault("ADDED", 0L);
        long changed = counts.getOrDefault("CHANGED", 0L);
        return new RunCounts(added, counts.getOrDefault("REMOVED", 0L), changed, staged - added - changed);
    }

    /** The groups the run changed, and how many were created, updated and deleted. */
    record ChangedGroups(List<GroupRef> groups, int created, int updated, int deleted) {
    }

    ChangedGroups changedGroups(long runId) {
        Map<String, Integer> byChange = new LinkedHashMap<>();
        List<GroupRef> groups = jdbc.sql("select group_type, group_key, change from group_changes where load_run_id = ? order by group_type, group_key")
                .param(runId)
                .query((rs, n) -> {
                    byChange.merge(rs.getString("change"), 1, Integer::sum);
                    return new GroupRef(GroupType.valueOf(rs.getString("group_type")), rs.getString("group_key"));
                })
                .list();
        return new ChangedGroups(groups, byChange.getOrDefault("CREATED", 0), byChange.getOrDefault("UPDATED", 0),
                byChange.getOrDefault("DELETED", 0));
    }
}
