package io.relationships.load;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.relationships.catalog.CatalogChanged;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.RunCounts;
import io.relationships.catalog.UpdateResult;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * Runs loads and rollbacks: one at a time (see {@link LoadLock}), each recorded as a load run with its files,
 * findings and counts, each applied in one transaction. {@link #start} returns the run at once and works in the
 * background; {@link #run} waits for the end. Over 300 lines because a run's life (begin under the lock, execute one
 * step or all, finish, announce, follow, roll back) is one state machine over one run record; rollback targets and
 * finding caps already live in their own classes.
 */
@Service
public class LoadService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LoadService.class);

    private final List<LoadStep> steps;
    private final LoadRunStore runs;
    private final CatalogWriter writer;
    private final LoadLock lock;
    private final ProgressHub progress;
    private final LoadProperties properties;
    private final ApplicationEventPublisher events;
    private final RunVisibility visibility;
    private final SourceFiles sourceFiles;
    /** Runs one at a time on this instance (the load lock keeps them one at a time across instances). */
    private final ThreadPoolTaskExecutor executor;

    LoadService(List<LoadStep> steps, LoadRunStore runs, CatalogWriter writer, LoadLock lock, ProgressHub progress,
                LoadProperties properties, ApplicationEventPublisher events, RunVisibility visibility, SourceFiles sourceFiles,
                ThreadPoolTaskExecutorBuilder executors) {
        this.executor = executors.corePoolSize(1).maxPoolSize(1).threadNamePrefix("load-runner-").build();
        this.executor.setDaemon(true);
        this.executor.initialize();
        this.visibility = visibility;
        this.sourceFiles = sourceFiles;
        this.steps = steps.stream().sorted(Comparator.comparingInt(LoadStep::order)).toList();
        this.runs = runs;
        this.writer = writer;
        this.lock = lock;
        this.progress = progress;
        this.properties = properties;
        this.events = events;
    }

    /** Starts a run and returns it while it is still RUNNING; follow it with {@link ProgressHub#follow}. */
    @PreAuthorize("hasRole('OPERATOR')")
    public LoadRunRecord start(LoadRequest request) {
        return begin(request).started();
    }

    /** Runs to the end and returns the finished run. */
    @PreAuthorize("hasRole('OPERATOR')")
    public LoadRunRecord run(LoadRequest request) {
        return begin(request).finished().join();
    }

    /** Kinds that {@code loadAll} runs, in order. */
    public List<RunKind> kinds() {
        return steps.stream().map(LoadStep::kind).toList();
    }

    /** The folder each kind reads in a data directory ({@code holdings}, {@code universes}, …), in {@code loadAll}'s order. */
    public Map<String, RunKind> folders() {
        Map<String, RunKind> folders = new LinkedHashMap<>();
        steps.forEach(step -> folders.put(step.folder(), step.kind()));
        return folders;
    }

    private record Begun(LoadRunRecord started, CompletableFuture<LoadRunRecord> finished) {
    }

    private Begun begin(LoadRequest request) {
        if (request.kind() != RunKind.ALL && step(request.kind()) == null) {
            throw new LoadException(LoadException.Code.BAD_REQUEST, "Nothing loads " + request.kind());
        }
        if (request.kind() == RunKind.ALL && request.directory() != null) {
            if (!Files.isDirectory(sourceFiles.allowed(request.directory()))) {
                throw new LoadException(LoadException.Code.BAD_REQUEST, "Not a directory: " + request.directory());
            }
        } else if (request.kind() == RunKind.ALL) {
            steps.forEach(s -> s.check(request.withKind(s.kind())));
        } else {
            step(request.kind()).check(request);
        }
        AdvisoryLocks.Held held = lock.acquire();
        try {
            long runId = runs.create(request.kind(), request.mode(), request.trigger(), request.triggeredBy(), request.describe(), null, null);
            LoadRunRecord started = runs.find(runId).orElseThrow();
            progress.publish(new LoadProgress(runId, "queued", 0, 0, 0, null, false, null, null));
            CompletableFuture<LoadRunRecord> finished = CompletableFuture.supplyAsync(() -> {
                try (held) {
                    if (request.kind() == RunKind.ALL) {
                        executeAll(runId, request);
                    } else {
                        execute(runId, request, step(request.kind()));
                    }
                }
                return runs.find(runId).orElseThrow();
            }, executor);
            return new Begun(started, finished);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private LoadStep step(RunKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
    }

    /** One step as one run: executed, recorded, announced. Never throws: a failure is recorded on the run. */
    private RunStatus execute(long runId, LoadRequest request, LoadStep step) {
        RunContext run = new RunContext(runId, request, runs, progress);
        long started = System.nanoTime();
        try {
            UpdateResult result = step.execute(run);
            record(run);
            runs.succeed(runId, result.counts(), result.validation(), run.report());
            log.info("Run {} ({} {}) succeeded in {} ms: {}", runId, request.kind(), request.mode(),
                    (System.nanoTime() - started) / 1_000_000, summary(result.counts(), request.mode()));
            finishSucceeded(run, request.mode(), summary(result.counts(), request.mode()), result.changedGroups());
            return RunStatus.SUCCEEDED;
        } catch (RunRejected e) {
            record(run);
            runs.fail(runId, e.getMessage());
            run.finish("failed", e.getMessage());
            log.warn("Run {} ({} {}) rejected: {}", runId, request.kind(), request.mode(), e.getMessage());
        } catch (LoadException e) {
            record(run);
            runs.fail(runId, e.getMessage());
            run.finish("failed", e.getMessage());
            log.warn("Run {} ({} {}) failed: {}", runId, request.kind(), request.mode(), e.getMessage());
        } catch (RuntimeException e) {
            record(run);
            String message = "the run failed and nothing was written: " + e.getMessage();
            runs.fail(runId, message);
            run.finish("failed", message);
            log.error("Run {} ({} {}) failed", runId, request.kind(), request.mode(), e);
        }
        return RunStatus.FAILED;
    }

    /** Every step in order, each a child run; stops at the first that fails. */
    private void executeAll(long parentId, LoadRequest request) {
        RunContext parent = new RunContext(parentId, request, runs, progress);
        parent.filesTotal(steps.size());
        RunCounts total = RunCounts.NONE;
        for (LoadStep step : steps) {
            parent.phase(step.kind().name().toLowerCase());
            LoadRequest childRequest = request.directory() == null ? request.withKind(step.kind())
                    : request.withKind(step.kind()).withDirectory(sourceFiles.allowed(request.directory()).resolve(step.folder()));
            long childId = runs.create(step.kind(), request.mode(), request.trigger(), request.triggeredBy(), childRequest.describe(), parentId, null);
            if (!step.hasInput(childRequest)) {
                String where = childRequest.directory() != null ? childRequest.directory().toString() : "the data directory's " + step.folder() + "/";
                String note = "no " + step.folder() + " files in " + where + "; skipped, the catalog's " + step.folder() + " stay as they are";
                runs.recordFindings(childId, List.of(Finding.info(null, null, "NO_FILES", note)));
                runs.skip(childId, note);
                parent.fileDone(0);
                continue;
            }
            RunStatus status = execute(childId, childRequest, step);
            LoadRunRecord child = runs.find(childId).orElseThrow();
            total = total.plus(child.counts());
            parent.fileDone(child.counts().added() + child.counts().changed());
            if (status != RunStatus.SUCCEEDED) {
                String why = "stopped at " + step.kind() + " (run " + childId + "): " + child.error() + ". " + runs.appliedSteps(parentId);
                runs.fail(parentId, why);
                parent.finish("failed", why);
                return;
            }
        }
        runs.succeed(parentId, total, null);
        finishSucceeded(parent, request.mode(), summary(total, request.mode()), List.of());
    }

    /**
     * A run committed: its changes go to the graph sync, and its last progress event says when they are visible to
     * every reader (a dry run ends at once: it changed nothing).
     */
    private void finishSucceeded(RunContext run, LoadMode mode, String summary, List<GroupRef> changedGroups) {
        if (mode == LoadMode.DRY_RUN) {
            run.finish("done", summary);
            return;
        }
        LoadProgress committed = run.committed(summary);
        announce(run.runId(), mode, changedGroups);
        visibility.announceWhenVisible(run.runId(), committed);
    }

    /**
     * Progress of a run to its end, from any instance: live while it runs here; for a run that committed but is not
     * yet visible, its last event when it becomes visible; else its last event at once.
     */
    public Flux<LoadProgress> follow(long runId) {
        LoadRunRecord run = runs.find(runId).orElseThrow(() -> new LoadException(LoadException.Code.NOT_FOUND, "No load run " + runId));
        LoadProgress latest = progress.latest(runId);
        if (run.status() == RunStatus.RUNNING && latest == null) {
            // a run of another instance this one has heard nothing of yet: where it stands, then what it says
            return Flux.concat(Flux.just(new LoadProgress(runId, run.phase() == null ? "queued" : run.phase(), 0, 0, 0, null, false, null, null)),
                    progress.follow(runId));
        }
        if (run.status() == RunStatus.RUNNING || (latest != null && !latest.finished())) {
            return progress.follow(runId);
        }
        LoadProgress last = latest != null ? latest : new LoadProgress(runId, run.phase() == null ? "done" : run.phase(), 0, 0,
                run.counts().added() + run.counts().changed(), null, true, run.error(), run.visibleAt());
        boolean waitsForVisibility = (run.status() == RunStatus.SUCCEEDED || run.status() == RunStatus.ROLLED_BACK)
                && !run.dryRun() && run.visibleAt() == null;
        return waitsForVisibility ? visibility.whenVisible(run, last).flux() : Flux.just(last);
    }

    private void record(RunContext run) {
        runs.recordFiles(run.runId(), run.files());
        runs.recordFindings(run.runId(), Finding.capped(run.findings(), properties.maxFindingsPerFile()));
        if (run.report() != null) {
            runs.report(run.runId(), run.report());
        }
    }


    private void announce(long runId, LoadMode mode, List<GroupRef> groups) {
        if (mode != LoadMode.DRY_RUN && !groups.isEmpty()) {
            events.publishEvent(new CatalogChanged(runId, groups));
        }
    }

    private static String summary(RunCounts counts, LoadMode mode) {
        return (mode == LoadMode.DRY_RUN ? "would add " : "added ") + counts.added() + ", removed " + counts.removed()
                + ", changed " + counts.changed() + ", unchanged " + counts.unchanged();
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Restores the catalog to its state before {@code runId}. Refused when later runs changed the same groups,
     * unless {@code cascade}: then those are rolled back too, newest first, in the same transaction.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public LoadRunRecord rollback(long runId, boolean cascade, Trigger trigger, String triggeredBy) {
        try (AdvisoryLocks.Held held = lock.acquire()) {
            LoadRunRecord target = runs.find(runId)
                    .orElseThrow(() -> new LoadException(LoadException.Code.NOT_FOUND, "No load run " + runId));
            List<Long> targets = RollbackTargets.of(target, runs);
            List<Long> later = new ArrayList<>();
            for (long id : targets) {
                writer.laterRunsTouchingSameGroups(id).stream().filter(l -> !targets.contains(l) && !later.contains(l)).forEach(later::add);
            }
            if (!later.isEmpty() && !cascade) {
                throw new LoadException(LoadException.Code.CONFLICT, "Run " + runId + " cannot be rolled back alone: later run(s) "
                        + later + " changed the same groups. Roll those back first, or ask for a cascading rollback");
            }
            List<Long> order = Stream.concat(later.stream(), targets.stream()).distinct().sorted(Comparator.reverseOrder()).toList();
            long rollbackId = runs.create(RunKind.ROLLBACK, LoadMode.FULL, trigger, triggeredBy,
                    Map.of("rollbackOf", runId, "cascade", cascade, "runs", order), null, runId);
            RunContext run = new RunContext(rollbackId, LoadRequest.of(RunKind.ROLLBACK, LoadMode.FULL, trigger, triggeredBy), runs, progress);
            try {
                run.phase("applying");
                UpdateResult result = writer.rollback(rollbackId, order);
                runs.succeed(rollbackId, result.counts(), result.validation());
                if (target.kind() == RunKind.ALL) {
                    runs.markRolledBack(target.id(), rollbackId);
                }
                log.info("Run {} rolled back run(s) {}: {}", rollbackId, order, summary(result.counts(), LoadMode.FULL));
                finishSucceeded(run, LoadMode.FULL, "rolled back run(s) " + order, result.changedGroups());
            } catch (RuntimeException e) {
                runs.fail(rollbackId, "the rollback failed and nothing was changed: " + e.getMessage());
                run.finish("failed", e.getMessage());
                throw e;
            }
            return runs.find(rollbackId).orElseThrow();
        }
    }


    @Override
    public void destroy() {
        executor.getThreadPoolExecutor().shutdownNow();
    }
}
