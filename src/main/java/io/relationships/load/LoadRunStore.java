package io.relationships.load;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.relationships.catalog.GroupType;
import io.relationships.catalog.PostRunValidation;
import io.relationships.catalog.RunCounts;
import io.relationships.support.IdWindow;
import io.relationships.support.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of load runs, their files and findings. Written outside the load's own transaction, so that a
 * failed run is recorded even though everything it staged was rolled back.
 */
@Repository
public class LoadRunStore {

    private static final String RUN_COLUMNS = """
            id, kind, mode, trigger, triggered_by, status, phase, started_at, finished_at, added, removed, changed,
            unchanged, error, request::text as request, validation::text as validation, report::text as report, parent_run_id,
            rollback_of, rolled_back_by,
            case when status not in ('SUCCEEDED', 'ROLLED_BACK', 'SKIPPED') then null
                 when mode = 'DRY_RUN' or run_last_event(id) is null then finished_at
                 else (select v.visible_at from cache_visibility v where v.event_id >= run_last_event(load_runs.id)
                       order by v.event_id limit 1) end as visible_at""";

    private final JdbcClient jdbc;
    /** Run records commit on their own, also when called from inside a load's transaction. */
    private final TransactionTemplate independent;

    LoadRunStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.independent = new TransactionTemplate(transactionManager);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public long create(RunKind kind, LoadMode mode, Trigger trigger, String triggeredBy, Map<String, Object> request,
                       Long parentRunId, Long rollbackOf) {
        return independent.execute(status -> jdbc.sql("""
                        insert into load_runs (kind, mode, trigger, triggered_by, request, parent_run_id, rollback_of, phase)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, 'queued') returning id""")
                .params(kind.name(), mode.name(), trigger.name(), triggeredBy, Json.write(request), parentRunId, rollbackOf)
                .query(Long.class).single());
    }

    public void phase(long runId, String phase) {
        independent.executeWithoutResult(status -> {
            jdbc.sql("update load_runs set phase = ? where id = ?").params(phase, runId).update();
        });
    }

    public void recordFiles(long runId, Collection<FileOutcome> files) {
        independent.executeWithoutResult(status -> {
            for (FileOutcome file : files) {
                jdbc.sql("""
                                insert into load_run_files (load_run_id, path, format, status, checksum, bytes, group_type,
                                                            group_key, rows_read, message)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(runId, file.path(), file.format(), file.status().name(), file.checksum(), file.bytes(),
                                file.groupType() == null ? null : file.groupType().name(), file.groupKey(), file.rows(), file.message())
                        .update();
            }
        });
    }

    public void recordFindings(long runId, Collection<Finding> findings) {
        independent.executeWithoutResult(status -> {
            for (Finding finding : findings) {
                jdbc.sql("""
                                insert into load_findings (load_run_id, file, line, col, col_name, severity, code, message)
                                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(runId, finding.file(), finding.line(), finding.column(), finding.columnName(),
                                finding.severity().name(), finding.code(), finding.message())
                        .update();
            }
        });
    }

    public void succeed(long runId, RunCounts counts, PostRunValidation validation) {
        succeed(runId, counts, validation, null);
    }

    public void succeed(long runId, RunCounts counts, PostRunValidation validation, Map<String, Object> report) {
        independent.executeWithoutResult(status -> {
            jdbc.sql("""
                            update load_runs set status = 'SUCCEEDED', phase = 'done', finished_at = now(), added = ?, removed = ?,
                                   changed = ?, unchanged = ?, validation = ?::jsonb, report = ?::jsonb
                            where id = ?""")
                    .params(counts.added(), counts.removed(), counts.changed(), counts.unchanged(), Json.write(validation),
                            Json.write(report), runId)
                    .update();
        });
    }

    /** Records what a run had to say even though it failed (a dry run's report, a rejected run's coverage). */
    public void report(long runId, Map<String, Object> report) {
        independent.executeWithoutResult(status -> jdbc.sql("update load_runs set report = ?::jsonb where id = ?")
                .params(Json.write(report), runId).update());
    }

    public void fail(long runId, String error) {
        independent.executeWithoutResult(status -> {
            jdbc.sql("update load_runs set status = 'FAILED', phase = 'failed', finished_at = now(), error = ? where id = ? and status = 'RUNNING'")
                    .params(error, runId).update();
        });
    }

    /** A step that had nothing to do: recorded, with why, and never rolled back. */
    public void skip(long runId, String note) {
        independent.executeWithoutResult(status -> jdbc.sql(
                        "update load_runs set status = 'SKIPPED', phase = 'skipped', finished_at = now(), error = ? where id = ? and status = 'RUNNING'")
                .params(note, runId).update());
    }

    /** A run of runs (load all, also one that failed part-way) whose every applied step was rolled back by {@code rollbackRunId}. */
    public void markRolledBack(long runId, long rollbackRunId) {
        independent.executeWithoutResult(status -> jdbc.sql(
                        "update load_runs set status = 'ROLLED_BACK', rolled_back_by = ? where id = ? and status in ('SUCCEEDED', 'FAILED')")
                .params(rollbackRunId, runId).update());
    }

    /**
     * Runs still marked RUNNING although nobody holds the load lock were cut short by a stopped process. A single
     * run's transaction never committed, so the catalog is as it was before it. The steps of a {@code loadAll} commit
     * one by one: its record says exactly which steps were applied, and that rolling it back undoes them.
     */
    public int failInterruptedRuns() {
        return independent.execute(status -> {
            int steps = jdbc.sql("""
                            update load_runs set status = 'FAILED', phase = 'failed', finished_at = now(),
                                   error = 'interrupted: the service stopped during the run; nothing of it was applied'
                            where status = 'RUNNING' and kind <> 'ALL'""")
                    .update();
            List<Long> parents = jdbc.sql("select id from load_runs where status = 'RUNNING' and kind = 'ALL'").query(Long.class).list();
            for (long parent : parents) {
                jdbc.sql("update load_runs set status = 'FAILED', phase = 'failed', finished_at = now(), error = ? where id = ?")
                        .params("interrupted: the service stopped during the run. " + appliedSteps(parent), parent).update();
            }
            return steps + parents.size();
        });
    }

    /** Which steps of a loadAll were applied (each committed on its own), and how to undo them. */
    public String appliedSteps(long parentRunId) {
        List<String> applied = children(parentRunId).stream().filter(c -> c.status() == RunStatus.SUCCEEDED && !c.dryRun())
                .map(c -> c.kind().name().toLowerCase() + " (run " + c.id() + ")").toList();
        return applied.isEmpty() ? "Nothing of it was applied."
                : "Applied before that: " + String.join(", ", applied) + "; the other steps were not. rollbackLoad(id: " + parentRunId
                        + ") undoes the applied steps.";
    }

    public Optional<LoadRunRecord> find(long runId) {
        return jdbc.sql("select " + RUN_COLUMNS + " from load_runs where id = ?").param(runId).query(LoadRunStore::run).optional();
    }

    /** The last outbox entry the run (and its steps) left; empty when it changed nothing. */
    public Optional<Long> lastEventId(long runId) {
        return jdbc.sql("select run_last_event(?)").param(runId).query(Long.class).optional();
    }

    public Optional<LoadRunRecord> running() {
        return jdbc.sql("select " + RUN_COLUMNS + " from load_runs where status = 'RUNNING' and parent_run_id is null order by id desc limit 1")
                .query(LoadRunStore::run).optional();
    }

    /** Runs newest first, optionally filtered, starting after the run {@code afterId}. */
    public List<LoadRunRecord> list(RunKind kind, RunStatus status, Long afterId, int limit) {
        return list(kind, status, new IdWindow(afterId, null, limit, false));
    }

    /** A page of the runs, newest first, optionally filtered. */
    public List<LoadRunRecord> list(RunKind kind, RunStatus status, IdWindow window) {
        return window.inListOrder(window.bind(jdbc.sql("select " + RUN_COLUMNS + """
                         from load_runs
                        where (cast(:kind as text) is null or kind = :kind) and (cast(:status as text) is null or status = :status)"""
                        + window.sql("id", true)))
                .param("kind", kind == null ? null : kind.name()).param("status", status == null ? null : status.name())
                .query(LoadRunStore::run).list());
    }

    public long count(RunKind kind, RunStatus status) {
        return jdbc.sql("select count(*) from load_runs where (?::text is null or kind = ?) and (?::text is null or status = ?)")
                .params(kind == null ? null : kind.name(), kind == null ? null : kind.name(),
                        status == null ? null : status.name(), status == null ? null : status.name())
                .query(Long.class).single();
    }

    public List<LoadRunRecord> children(long parentRunId) {
        return jdbc.sql("select " + RUN_COLUMNS + " from load_runs where parent_run_id = ? order by id").param(parentRunId)
                .query(LoadRunStore::run).list();
    }

    /** A row of a run's record with its id: its place in the order it was written. */
    public record Logged<T>(long id, T item) {
    }

    public List<FileOutcome> files(long runId) {
        return files(runId, new IdWindow(null, null, Integer.MAX_VALUE, false)).stream().map(Logged::item).toList();
    }

    /** A page of a run's files, in the order it read them. */
    public List<Logged<FileOutcome>> files(long runId, IdWindow window) {
        return window.inListOrder(window.bind(jdbc.sql("""
                        select id, path, format, status, checksum, bytes, group_type, group_key, rows_read, message
                        from load_run_files where load_run_id = :run""" + window.sql("id", false)))
                .param("run", runId)
                .query((rs, n) -> new Logged<>(rs.getLong("id"), new FileOutcome(rs.getString("path"), rs.getString("format"),
                        FileOutcome.Status.valueOf(rs.getString("status")), rs.getString("checksum"),
                        (Long) rs.getObject("bytes"), rs.getString("group_type") == null ? null : GroupType.valueOf(rs.getString("group_type")),
                        rs.getString("group_key"), rs.getInt("rows_read"), rs.getString("message"))))
                .list());
    }

    public int countFiles(long runId) {
        return jdbc.sql("select count(*) from load_run_files where load_run_id = ?").param(runId).query(Integer.class).single();
    }

    public List<Finding> findings(long runId, int limit) {
        return findings(runId, null, new IdWindow(null, null, limit, false)).stream().map(Logged::item).toList();
    }

    /** A page of a run's findings (of one severity, or all), in the order they were found. */
    public List<Logged<Finding>> findings(long runId, Finding.Severity severity, IdWindow window) {
        return window.inListOrder(window.bind(jdbc.sql("""
                        select id, file, line, col, col_name, severity, code, message from load_findings
                        where load_run_id = :run and (cast(:severity as text) is null or severity = :severity)"""
                        + window.sql("id", false)))
                .param("run", runId).param("severity", severity == null ? null : severity.name())
                .query((rs, n) -> new Logged<>(rs.getLong("id"), new Finding(rs.getString("file"), (Integer) rs.getObject("line"),
                        (Integer) rs.getObject("col"), rs.getString("col_name"), Finding.Severity.valueOf(rs.getString("severity")),
                        rs.getString("code"), rs.getString("message"))))
                .list());
    }

    public int countFindings(long runId, Finding.Severity severity) {
        return jdbc.sql("select count(*) from load_findings where load_run_id = ? and (cast(? as text) is null or severity = ?)")
                .params(runId, severity == null ? null : severity.name(), severity == null ? null : severity.name())
                .query(Integer.class).single();
    }

    static LoadRunRecord run(ResultSet rs, int rowNum) throws SQLException {
        return new LoadRunRecord(rs.getLong("id"), RunKind.valueOf(rs.getString("kind")), LoadMode.valueOf(rs.getString("mode")),
                Trigger.valueOf(rs.getString("trigger")), rs.getString("triggered_by"), RunStatus.valueOf(rs.getString("status")),
                rs.getString("phase"), rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                new RunCounts(rs.getLong("added"), rs.getLong("removed"), rs.getLong("changed"), rs.getLong("unchanged")),
                rs.getString("error"), Json.readMap(rs.getString("request")), Json.readMap(rs.getString("validation")),
                Json.readMap(rs.getString("report")),
                (Long) rs.getObject("parent_run_id"), (Long) rs.getObject("rollback_of"), (Long) rs.getObject("rolled_back_by"),
                rs.getObject("visible_at", OffsetDateTime.class));
    }

    /** The newest run of this kind that changed the catalog (or could have: it applied and was not undone). */
    public Optional<LoadRunRecord> lastApplied(RunKind kind) {
        return jdbc.sql("select " + RUN_COLUMNS + """
                         from load_runs
                        where kind = ? and mode <> 'DRY_RUN' and status = 'SUCCEEDED'
                        order by id desc limit 1""")
                .param(kind.name()).query(LoadRunStore::run).optional();
    }
}
