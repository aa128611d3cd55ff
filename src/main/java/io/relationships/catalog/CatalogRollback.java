package io.relationships.catalog;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exact rollback: a run's logged changes applied backwards, in one transaction, and logged themselves under the
 * rollback run (so that history and the graph sync see them); and which later runs stand in the way.
 */
@Component
class CatalogRollback {

    private final JdbcClient jdbc;
    private final ChangeLog changeLog;
    private final TransactionTemplate transaction;

    CatalogRollback(JdbcClient jdbc, ChangeLog changeLog, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.changeLog = changeLog;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Later applied runs whose changes rolling back {@code runId} alone would undo or break: they changed a membership
     * it changed, they created or deleted a group it changed (or the other way round), or both changed the same
     * group's own row (name, description, source, metadata). Two runs that only added different members to a shared
     * group (two loads each classifying its new stocks into {@code unknown}) do not conflict.
     */
    List<Long> laterRunsTouchingSameGroups(long runId) {
        return jdbc.sql("""
                        with mine_m as (select group_type, group_key, symbol from membership_changes where load_run_id = :run and applied),
                             mine_g as (select group_type, group_key, change, %s as row_changed
                                        from group_changes where load_run_id = :run and applied)
                        select distinct r.id from load_runs r
                        where r.id > :run and r.status = 'SUCCEEDED'
                          and not (r.kind = 'ROLLBACK' and r.rollback_of > :run)
                          and (exists (select 1 from membership_changes c join mine_m m using (group_type, group_key, symbol)
                                       where c.load_run_id = r.id and c.applied)
                               or exists (select 1 from group_changes c join mine_g g using (group_type, group_key)
                                          where c.load_run_id = r.id and c.applied
                                            and (c.change <> 'UPDATED' or g.change <> 'UPDATED' or (g.row_changed and %s))))
                        order by r.id desc""".formatted(ROW_CHANGED.formatted("old_row", "new_row"), ROW_CHANGED.formatted("c.old_row", "c.new_row")))
                .param("run", runId).query(Long.class).list();
    }

    /** Whether a group change altered the group's own row, not only its memberships. */
    private static final String ROW_CHANGED = "(%1$s->'name' is distinct from %2$s->'name' or %1$s->'description' is distinct from %2$s->'description'"
            + " or %1$s->'source' is distinct from %2$s->'source' or %1$s->'metadata' is distinct from %2$s->'metadata')";

    /**
     * Restores the catalog to its state before each of {@code runIds} (newest first), in one transaction,
     * recording the inverse changes under {@code rollbackRunId} so that history and the graph sync see them.
     */
    UpdateResult rollback(long rollbackRunId, List<Long> runIds) {
        return transaction.execute(status -> {
            RunTimings timings = new RunTimings("Rollback " + rollbackRunId);
            for (long runId : runIds) {
                invert(rollbackRunId, runId, timings);
            }
            changeLog.recordEvents(rollbackRunId);
            RunCounts counts = jdbc.sql("""
                            select count(*) filter (where change = 'ADDED') as added, count(*) filter (where change = 'REMOVED') as removed,
                                   count(*) filter (where change = 'CHANGED') as changed
                            from membership_changes where load_run_id = ? and not derived""")
                    .param(rollbackRunId)
                    .query((rs, n) -> new RunCounts(rs.getLong("added"), rs.getLong("removed"), rs.getLong("changed"), 0))
                    .single();
            List<GroupRef> groups = jdbc.sql("select distinct group_type, group_key from group_changes where load_run_id = ?")
                    .param(rollbackRunId)
                    .query((rs, n) -> new GroupRef(GroupType.valueOf(rs.getString(1)), rs.getString(2))).list();
            UpdateResult result = new UpdateResult(counts, 0, groups.size(), 0, groups, PostRunValidation.of(jdbc, rollbackRunId));
            timings.lap("count and validate");
            timings.log();
            return result;
        });
    }

    private void invert(long rollbackRunId, long runId, RunTimings timings) {
        // log the inverse first: old and new swap; the group rows log what they are now and what they return to
        jdbc.sql("""
                        insert into membership_changes (load_run_id, group_type, group_key, symbol, change, old_weight, new_weight,
                                                        old_metadata, new_metadata, applied, derived)
                        select ?, group_type, group_key, symbol,
                               case change when 'ADDED' then 'REMOVED' when 'REMOVED' then 'ADDED' else 'CHANGED' end,
                               new_weight, old_weight, new_metadata, old_metadata, true, derived
                        from membership_changes where load_run_id = ? and applied order by id""")
                .params(rollbackRunId, runId).update();
        jdbc.sql("""
                        insert into group_changes (load_run_id, group_type, group_key, change, old_row, new_row, applied)
                        select ?, c.group_type, c.group_key,
                               case c.change when 'CREATED' then 'DELETED' when 'DELETED' then 'CREATED' else 'UPDATED' end,
                               to_jsonb(g), c.old_row, true
                        from group_changes c left join definition_groups g on g.type = c.group_type and g.key = c.group_key
                        where c.load_run_id = ? and c.applied""")
                .params(rollbackRunId, runId).update();
        timings.lap("log the inverse of run " + runId);

        // groups the run deleted come back with their old id; groups it updated get their old row back
        jdbc.sql("""
                        insert into definition_groups (id, type, key, name, description, source, metadata, last_updated)
                        select r.id, r.type, r.key, r.name, r.description, r.source, r.metadata, r.last_updated
                        from group_changes c, jsonb_populate_record(null::definition_groups, c.old_row) r
                        where c.load_run_id = ? and c.applied and c.change = 'DELETED'""")
                .param(runId).update();
        jdbc.sql("""
                        update definition_groups g set name = r.name, description = r.description, source = r.source,
                               metadata = r.metadata, last_updated = r.last_updated
                        from group_changes c, jsonb_populate_record(null::definition_groups, c.old_row) r
                        where c.load_run_id = ? and c.applied and c.change = 'UPDATED' and g.type = c.group_type and g.key = c.group_key""")
                .param(runId).update();

        timings.lap("restore groups");
        changeLog.applyMembershipChanges(runId, 0, true, timings);

        jdbc.sql("""
                        delete from definition_groups g using group_changes c
                        where c.load_run_id = ? and c.applied and c.change = 'CREATED' and g.type = c.group_type and g.key = c.group_key""")
                .param(runId).update();

        jdbc.sql("""
                        update securities s set name = r.name, asset_type = r.asset_type, exchange = r.exchange,
                               market_cap = r.market_cap, cusip = r.cusip, isin = r.isin, updated_at = r.updated_at
                        from security_changes c, jsonb_populate_record(null::securities, c.old_row) r
                        where c.load_run_id = ? and c.applied and c.change = 'UPDATED' and s.symbol = c.symbol""")
                .param(runId).update();
        // securities the run introduced go again, unless something else has come to use them since
        jdbc.sql("""
                        delete from securities s using security_changes c
                        where c.load_run_id = ? and c.applied and c.change = 'CREATED' and s.symbol = c.symbol
                          and not exists (select 1 from group_memberships m where m.symbol = s.symbol)""")
                .param(runId).update();

        jdbc.sql("update load_runs set status = 'ROLLED_BACK', rolled_back_by = ? where id = ?")
                .params(rollbackRunId, runId).update();
    }

}
