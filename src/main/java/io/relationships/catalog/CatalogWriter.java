package io.relationships.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only writer of the catalog's groups, memberships and securities. A run stages what its files say into
 * temporary tables (PostgreSQL COPY), the diff against the catalog is computed in SQL and recorded in the change
 * log, and — unless it is a dry run — applied, all in one transaction: a failure anywhere leaves the catalog
 * exactly as it was.
 */
@Service
public class CatalogWriter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CatalogWriter.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    CatalogWriter(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Stages through {@code staging}, then diffs and applies in one transaction. An exception thrown by
     * {@code staging} rolls everything back.
     */
    public UpdateResult update(UpdatePlan plan, Consumer<CatalogStager> staging) {
        return update(plan, staging, null);
    }

    /**
     * What a run brings along once its own changes are applied, in the same transaction and change log: the
     * securities it introduced, for the caller to stage more groups for (their sector and industry). Groups staged
     * here are merged, not replaced by type. The catalog as queried meanwhile already shows the run's changes.
     */
    public interface FollowUp {
        /**
         * @param introduced securities the run created
         * @param released   securities the run took out of their last ETF, universe or theme (no longer classifiable)
         */
        void stage(Set<String> introduced, Set<String> released, CatalogStager stager);
    }

    /**
     * As {@link #update(UpdatePlan, Consumer)}, then (for an applied run that introduced securities) a second round
     * staged by {@code followUp}, in the same transaction. The counts are the first round's; the changed groups both.
     */
    public UpdateResult update(UpdatePlan plan, Consumer<CatalogStager> staging, FollowUp followUp) {
        return transaction.execute(status -> {
            Timings timings = new Timings(plan.runId());
            createStagingTables();
            stageAndApply(plan, staging, 0, false, timings);
            RunCounts counts = counts(plan.runId());
            if (plan.apply() && followUp != null) {
                Set<String> introduced = new HashSet<>(jdbc.sql(
                                "select symbol from security_changes where load_run_id = ? and change = 'CREATED'")
                        .param(plan.runId()).query(String.class).list());
                Set<String> released = new HashSet<>(jdbc.sql("""
                                select distinct c.symbol from membership_changes c
                                where c.load_run_id = ? and c.change = 'REMOVED' and c.group_type in ('ETF', 'UNIVERSE', 'THEME')
                                  and not exists (select 1 from group_memberships m join definition_groups g on g.id = m.group_id
                                                  where m.symbol = c.symbol and g.type in ('ETF', 'UNIVERSE', 'THEME'))""")
                        .param(plan.runId()).query(String.class).list());
                if (!introduced.isEmpty() || !released.isEmpty()) {
                    long watermark = jdbc.sql("select coalesce(max(id), 0) from membership_changes").query(Long.class).single();
                    jdbc.sql("truncate stage_groups, stage_memberships, stage_securities, stage_removals").update();
                    stageAndApply(new UpdatePlan(plan.runId(), Set.of(), true), stager -> followUp.stage(introduced, released, stager),
                            watermark, true, timings);
                }
            }
            if (plan.apply()) {
                recordEvents(plan.runId());
            }
            UpdateResult result = result(plan, counts);
            timings.lap("count and validate");
            timings.log();
            return result;
        });
    }

    /**
     * One round: stage, diff and (unless a dry run) apply the membership changes logged after {@code fromChange};
     * {@code derived}: the round's changes follow from the run's own (they are logged, not counted).
     */
    private void stageAndApply(UpdatePlan plan, Consumer<CatalogStager> staging, long fromChange, boolean derived, Timings timings) {
        Stager stager = new Stager(DataSourceUtils.getConnection(dataSource));
        staging.accept(stager);
        stager.flushSecurities();
        jdbc.sql("analyze stage_memberships").update();
        jdbc.sql("analyze stage_groups").update();
        timings.lap("read and stage");
        recordDiff(plan, derived, timings);
        if (plan.apply()) {
            applyDiff(plan.runId(), fromChange, timings);
        }
    }

    /** Where a run's time goes, logged for large runs (and at debug level for every run). */
    private static final class Timings {
        private final long runId;
        private final StringBuilder laps = new StringBuilder();
        private final long started = System.nanoTime();
        private long last = started;

        Timings(long runId) {
            this.runId = runId;
        }

        void lap(String what) {
            long now = System.nanoTime();
            laps.append(laps.isEmpty() ? "" : ", ").append(what).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        void log() {
            long total = (System.nanoTime() - started) / 1_000_000;
            if (total > 5_000) {
                log.info("Run {} catalog update took {} ms: {}", runId, total, laps);
            } else {
                log.debug("Run {} catalog update took {} ms: {}", runId, total, laps);
            }
        }
    }

    private void createStagingTables() {
        jdbc.sql("""
                create temp table stage_groups (
                    group_type text not null, group_key text not null, name text not null, description text,
                    source text, metadata jsonb not null, primary key (group_type, group_key)) on commit drop""").update();
        jdbc.sql("""
                create temp table stage_memberships (
                    group_type text not null, group_key text not null, symbol text not null,
                    weight numeric(14, 8), metadata jsonb not null) on commit drop""").update();
        jdbc.sql("""
                create temp table stage_securities (
                    symbol text primary key, name text, asset_type text, exchange text, market_cap numeric(20, 2),
                    cusip text, isin text) on commit drop""").update();
        jdbc.sql("create temp table stage_removals (group_type text not null, group_key text not null) on commit drop").update();
    }

    private void recordDiff(UpdatePlan plan, boolean derived, Timings timings) {
        String[] replaceTypes = plan.replaceUnstaged().stream().map(Enum::name).toArray(String[]::new);
        jdbc.sql("drop table if exists scope_groups").update();
        jdbc.sql("""
                        create temp table scope_groups on commit drop as
                        select g.id, g.type, g.key from definition_groups g
                        where g.type = any(?) or exists (select 1 from stage_groups s where s.group_type = g.type and s.group_key = g.key)
                           or exists (select 1 from stage_removals r where r.group_type = g.type and r.group_key = g.key)""")
                .param(replaceTypes).update();
        jdbc.sql("create index if not exists stage_memberships_key on stage_memberships (group_type, group_key, symbol)").update();

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
        timings.lap("membership diff");

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
        timings.lap("group and security diff");
    }

    private void applyDiff(long runId, long fromChange, Timings timings) {
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

        jdbc.sql("""
                        insert into definition_groups (type, key, name, description, source, metadata, last_updated)
                        select s.group_type, s.group_key, s.name, s.description, s.source, s.metadata, now()
                        from stage_groups s
                        join group_changes c on c.load_run_id = :run and c.group_type = s.group_type and c.group_key = s.group_key
                        on conflict (type, key) do update set name = excluded.name, description = excluded.description,
                            source = excluded.source, metadata = excluded.metadata, last_updated = now()""")
                .param("run", runId).update();
        timings.lap("apply securities and groups");

        applyMembershipChanges(runId, fromChange, false);
        timings.lap("apply memberships");

        jdbc.sql("""
                        delete from definition_groups g using group_changes c
                        where c.load_run_id = ? and c.change = 'DELETED' and g.type = c.group_type and g.key = c.group_key""")
                .param(runId).update();
    }

    /** Applies the membership rows logged under {@code runId} after {@code fromChange}, forwards or (for a rollback) backwards. */
    private void applyMembershipChanges(long runId, long fromChange, boolean inverse) {
        String added = inverse ? "REMOVED" : "ADDED";
        String removed = inverse ? "ADDED" : "REMOVED";
        String weight = inverse ? "old_weight" : "new_weight";
        String metadata = inverse ? "old_metadata" : "new_metadata";
        jdbc.sql("""
                        delete from group_memberships m using definition_groups g, membership_changes c
                        where c.load_run_id = ? and c.id > ? and c.change = ? and g.type = c.group_type and g.key = c.group_key
                          and m.group_id = g.id and m.symbol = c.symbol""")
                .params(runId, fromChange, removed).update();
        jdbc.sql("""
                        insert into group_memberships (group_id, symbol, weight, metadata)
                        select g.id, c.symbol, c.%s, c.%s
                        from membership_changes c join definition_groups g on g.type = c.group_type and g.key = c.group_key
                        where c.load_run_id = ? and c.id > ? and c.change = ?""".formatted(weight, metadata))
                .params(runId, fromChange, added).update();
        jdbc.sql("""
                        update group_memberships m set weight = c.%s, metadata = c.%s
                        from membership_changes c, definition_groups g
                        where c.load_run_id = ? and c.id > ? and c.change = 'CHANGED' and g.type = c.group_type and g.key = c.group_key
                          and m.group_id = g.id and m.symbol = c.symbol""".formatted(weight, metadata))
                .params(runId, fromChange).update();
    }

    private void recordEvents(long runId) {
        jdbc.sql("""
                        insert into catalog_events (load_run_id, group_type, group_key)
                        select distinct load_run_id, group_type, group_key from group_changes where load_run_id = ?""")
                .param(runId).update();
    }

    /** The first round's counts: what the run's own files changed (staged rows not added or changed are unchanged). */
    private RunCounts counts(long runId) {
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

    private UpdateResult result(UpdatePlan plan, RunCounts runCounts) {
        long runId = plan.runId();
        Map<String, Integer> groupCounts = new LinkedHashMap<>();
        List<GroupRef> changedGroups = jdbc.sql("select group_type, group_key, change from group_changes where load_run_id = ? order by group_type, group_key")
                .param(runId)
                .query((rs, n) -> {
                    groupCounts.merge(rs.getString("change"), 1, Integer::sum);
                    return new GroupRef(GroupType.valueOf(rs.getString("group_type")), rs.getString("group_key"));
                })
                .list();
        Map<String, Object> validation = plan.apply() ? validate(runId) : Map.of("skipped", "dry run: nothing was applied");
        return new UpdateResult(runCounts, groupCounts.getOrDefault("CREATED", 0), groupCounts.getOrDefault("UPDATED", 0),
                groupCounts.getOrDefault("DELETED", 0), changedGroups, validation);
    }

    /**
     * The relationship validation that runs after every applied run, on what the run touched (so that its cost
     * grows with the change, not with the catalog; the quality report covers the whole catalog): groups it left
     * without members, memberships it wrote for symbols the securities table does not know, securities it left
     * without any membership.
     */
    private Map<String, Object> validate(long runId) {
        List<String> emptyGroups = jdbc.sql("""
                        select g.type || ':' || g.key from definition_groups g
                        join group_changes c on c.group_type = g.type and c.group_key = g.key and c.load_run_id = ?
                        where not exists (select 1 from group_memberships m where m.group_id = g.id)
                        order by 1 limit 50""")
                .param(runId).query(String.class).list();
        long orphanMemberships = jdbc.sql("""
                        select count(*) from membership_changes c
                        where c.load_run_id = ? and c.change <> 'REMOVED'
                          and not exists (select 1 from securities s where s.symbol = c.symbol)""")
                .param(runId).query(Long.class).single();
        long unreferencedSecurities = jdbc.sql("""
                        select count(distinct c.symbol) from membership_changes c
                        where c.load_run_id = ? and c.change = 'REMOVED'
                          and not exists (select 1 from group_memberships m where m.symbol = c.symbol)
                          and not exists (select 1 from definition_groups g where g.type = 'ETF' and g.key = c.symbol)""")
                .param(runId).query(Long.class).single();
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("scope", "groups and memberships this run changed");
        validation.put("emptyGroups", emptyGroups.size());
        validation.put("emptyGroupSample", emptyGroups);
        validation.put("orphanMemberships", orphanMemberships);
        validation.put("unreferencedSecurities", unreferencedSecurities);
        validation.put("passed", emptyGroups.isEmpty() && orphanMemberships == 0);
        return validation;
    }

    // ---------------------------------------------------------------------------------------------------------
    // rollback

    /**
     * Later applied runs whose changes rolling back {@code runId} alone would undo or break: they changed a membership
     * it changed, they created or deleted a group it changed (or the other way round), or both changed the same
     * group's own row (name, description, source, metadata). Two runs that only added different members to a shared
     * group (two loads each classifying its new stocks into {@code unknown}) do not conflict.
     */
    public List<Long> laterRunsTouchingSameGroups(long runId) {
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
    public UpdateResult rollback(long rollbackRunId, List<Long> runIds) {
        return transaction.execute(status -> {
            for (long runId : runIds) {
                invert(rollbackRunId, runId);
            }
            recordEvents(rollbackRunId);
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
            return new UpdateResult(counts, 0, groups.size(), 0, groups, validate(rollbackRunId));
        });
    }

    private void invert(long rollbackRunId, long runId) {
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

        applyMembershipChanges(runId, 0, true);

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

    // ---------------------------------------------------------------------------------------------------------
    // staging

    /** Streams staged rows into the temporary tables with COPY, one group at a time. */
    private final class Stager implements CatalogStager {

        private final Connection connection;
        private final Set<GroupRef> staged = new HashSet<>();
        private final Map<String, StagedSecurity> securities = new LinkedHashMap<>();

        Stager(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void group(StagedGroup group, Collection<StagedMembership> members) {
            if (!staged.add(new GroupRef(group.type(), group.key()))) {
                throw new IllegalArgumentException("Group " + group.type() + ":" + group.key() + " staged twice in one run");
            }
            jdbc.sql("insert into stage_groups (group_type, group_key, name, description, source, metadata) values (?, ?, ?, ?, ?, ?::jsonb)")
                    .params(group.type().name(), group.key(), group.name(), group.description(), group.source(), Json.write(group.metadata()))
                    .update();
            StringBuilder rows = new StringBuilder(members.size() * 64);
            for (StagedMembership member : members) {
                csv(rows, group.type().name()).append(',');
                csv(rows, group.key()).append(',');
                csv(rows, member.symbol()).append(',');
                csv(rows, member.weight()).append(',');
                csv(rows, Json.write(member.metadata())).append('\n');
            }
            copy("copy stage_memberships (group_type, group_key, symbol, weight, metadata) from stdin with (format csv)", rows);
        }

        @Override
        public void remove(GroupRef group) {
            if (!staged.add(group)) {
                throw new IllegalArgumentException("Group " + group + " staged twice in one run");
            }
            jdbc.sql("insert into stage_removals (group_type, group_key) values (?, ?)").params(group.type().name(), group.key()).update();
        }

        @Override
        public void security(StagedSecurity security) {
            securities.merge(security.symbol(), security, StagedSecurity::merge);
        }

        void flushSecurities() {
            StringBuilder rows = new StringBuilder(securities.size() * 48);
            for (StagedSecurity s : securities.values()) {
                csv(rows, s.symbol()).append(',');
                csv(rows, s.name()).append(',');
                csv(rows, s.assetType()).append(',');
                csv(rows, s.exchange()).append(',');
                csv(rows, s.marketCap()).append(',');
                csv(rows, s.cusip()).append(',');
                csv(rows, s.isin()).append('\n');
            }
            copy("copy stage_securities (symbol, name, asset_type, exchange, market_cap, cusip, isin) from stdin with (format csv)", rows);
            securities.clear();
        }

        private void copy(String sql, StringBuilder rows) {
            if (rows.isEmpty()) {
                return;
            }
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
            } catch (SQLException e) {
                throw new IllegalStateException("Staging rows failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** COPY's CSV: null is an empty unquoted field, everything else is quoted. */
        private static StringBuilder csv(StringBuilder out, Object value) {
            if (value == null) {
                return out;
            }
            String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
            return out.append('"');
        }
    }
}
