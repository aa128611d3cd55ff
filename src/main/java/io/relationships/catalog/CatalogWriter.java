package io.relationships.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

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

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ChangeLog changeLog;
    private final CatalogRollback rollbacks;
    private final TransactionTemplate transaction;

    CatalogWriter(DataSource dataSource, JdbcClient jdbc, ChangeLog changeLog, CatalogRollback rollbacks,
                  PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.changeLog = changeLog;
        this.rollbacks = rollbacks;
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
            RunTimings timings = new RunTimings("Run " + plan.runId() + " catalog update");
            CopyStager stager = CopyStager.open(jdbc, DataSourceUtils.getConnection(dataSource));
            if (!stageAndApply(plan, stager, staging, 0, false, timings)) {
                // nothing staged, nothing replaced (an incremental run whose files are all unchanged): nothing to count
                timings.log();
                return new UpdateResult(RunCounts.NONE, 0, 0, 0, List.of(),
                        plan.apply() ? PostRunValidation.ofNothingChanged() : PostRunValidation.skippedForDryRun());
            }
            RunCounts counts = changeLog.counts(plan.runId());
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
                    stageAndApply(new UpdatePlan(plan.runId(), Set.of(), true), stager.nextRound(),
                            next -> followUp.stage(introduced, released, next), watermark, true, timings);
                }
            }
            if (plan.apply()) {
                changeLog.recordEvents(plan.runId());
            }
            ChangeLog.ChangedGroups changed = changeLog.changedGroups(plan.runId());
            UpdateResult result = new UpdateResult(counts, changed.created(), changed.updated(), changed.deleted(), changed.groups(),
                    plan.apply() ? PostRunValidation.of(jdbc, plan.runId()) : PostRunValidation.skippedForDryRun());
            timings.lap("count and validate");
            timings.log();
            return result;
        });
    }

    /**
     * One round: stage, diff and (unless a dry run) apply the membership changes logged after {@code fromChange};
     * {@code derived}: the round's changes follow from the run's own (they are logged, not counted). False when
     * the round staged nothing and replaces nothing: then there was no diff to take.
     */
    private boolean stageAndApply(UpdatePlan plan, CopyStager stager, Consumer<CatalogStager> staging, long fromChange, boolean derived,
                               RunTimings timings) {
        staging.accept(stager);
        stager.flushSecurities();
        timings.lap("read and stage");
        if (stager.isEmpty() && plan.replaceUnstaged().isEmpty()) {
            return false;
        }
        stager.tables();
        jdbc.sql("analyze stage_memberships").update();
        jdbc.sql("analyze stage_groups").update();
        timings.lap("analyze");
        changeLog.recordDiff(plan, derived, timings);
        if (plan.apply()) {
            changeLog.applyDiff(plan.runId(), fromChange, timings);
        }
        return true;
    }

    /**
     * After a restore from an older backup: the outbox's next entries are numbered after {@code position} (what the
     * graph had reflected before), not after the restored sequence. An outbox position is the version of the data
     * (the ETag of a GET answer, the point a run is visible at); numbered again from the restored sequence, a
     * position would name two different catalogs, and a client holding the older one's tag would be told its stale
     * answer is current.
     */
    public void continueOutboxAfter(long position) {
        jdbc.sql("select setval(pg_get_serial_sequence('catalog_events', 'id'), greatest(?, (select coalesce(max(id), 0) from catalog_events)))")
                .param(Math.max(position, 1)).query(Long.class).single();
    }

    /** Later applied runs that rolling back {@code runId} alone would undo or break (see {@link CatalogRollback}). */
    public List<Long> laterRunsTouchingSameGroups(long runId) {
        return rollbacks.laterRunsTouchingSameGroups(runId);
    }

    /**
     * Restores the catalog to its state before each of {@code runIds} (newest first), in one transaction,
     * recording the inverse changes under {@code rollbackRunId}.
     */
    public UpdateResult rollback(long rollbackRunId, List<Long> runIds) {
        return rollbacks.rollback(rollbackRunId, runIds);
    }

}
