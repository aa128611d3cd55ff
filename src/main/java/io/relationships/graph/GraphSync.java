package io.relationships.graph;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.relationships.catalog.CatalogChanged;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.GroupRef;
import io.relationships.support.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import reactor.core.publisher.Flux;

/**
 * Keeps Neo4j in step with the catalog. Every committed run leaves outbox entries ({@code catalog_events}) in
 * the same transaction as its changes; a pass ({@link SyncPass}) projects the groups they name and moves its cursor.
 * Passes run on one thread, after every change and on a timer; while Neo4j is unreachable the cursor stays where
 * it was and passes back off exponentially, so an outage only delays the graph. A pass takes an advisory lock, so
 * several instances never project the same change at the same time; its record ({@link SyncRuns}) is shared by all.
 */
@Service
public class GraphSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GraphSync.class);

    private final CatalogQueries catalog;
    private final SyncPass pass;
    private final SyncRuns runs;
    private final GraphSchema schema;
    private final SyncState state;
    private final AdvisoryLocks locks;
    private final GraphProperties properties;
    private final ExponentialBackOff backOff;
    private final ThreadPoolTaskSchedulerBuilder schedulers;
    /** The one thread passes run on; made anew at every start (a stopped context may start again). */
    private ThreadPoolTaskScheduler executor;
    private volatile boolean running;
    private volatile boolean held;
    private volatile BackOffExecution backOffExecution;
    private volatile OffsetDateTime nextAttemptAt;
    private volatile SyncRun current;
    private volatile SyncRun lastRun;

    GraphSync(CatalogQueries catalog, SyncPass pass, SyncRuns runs, GraphSchema schema, SyncState state, AdvisoryLocks locks,
              GraphProperties properties, ThreadPoolTaskSchedulerBuilder schedulers) {
        this.schedulers = schedulers;
        this.catalog = catalog;
        this.pass = pass;
        this.runs = runs;
        this.schema = schema;
        this.state = state;
        this.locks = locks;
        this.properties = properties;
        this.backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        this.backOff.setMaxInterval(properties.retryMax().toMillis());
    }

    // ------------------------------------------------------------------------------------------------------------
    // lifecycle and triggers

    @Override
    public void start() {
        executor = schedulers.poolSize(1).threadNamePrefix("graph-sync-").awaitTermination(true)
                .awaitTerminationPeriod(Duration.ofSeconds(10)).build();
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false); // a pass cut short leaves its cursor: the next one redoes it
        executor.initialize();
        running = true;
        if (properties.syncEnabled()) {
            executor.scheduleWithFixedDelay(() -> run(runs.unrecorded("schedule"), false), properties.pollInterval());
        }
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the runners (sample data) and before the web server stops taking requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    @EventListener
    void onCatalogChanged(CatalogChanged changed) {
        if (properties.syncEnabled() && running && !held) {
            executor.execute(() -> run(runs.unrecorded("run " + changed.runId()), false));
        }
    }

    /** Starts a sync now (full: rebuild the whole graph) and returns it queued; follow it with {@link #follow}. */
    @PreAuthorize("hasRole('OPERATOR')")
    public SyncRun request(boolean full, String requestedBy) {
        SyncRun run = runs.queue(full, requestedBy);
        executor.execute(() -> run(run, true));
        return run;
    }

    /** Syncs now and waits for the end. */
    public SyncRun syncNow(boolean full, String requestedBy) {
        SyncRun run = runs.queue(full, requestedBy);
        return CompletableFuture.supplyAsync(() -> run(run, true), executor).join();
    }

    /** Progress of a pass until it ends, whichever instance runs it. */
    public Flux<SyncRun> follow(long runId) {
        return runs.follow(runId);
    }

    public Optional<SyncRun> run(long runId) {
        return runs.find(runId);
    }

    /** The latest recorded passes of every instance, newest first (the timer's passes that found nothing left out). */
    public List<SyncRun> recentRuns(int limit) {
        return runs.recent(limit);
    }

    /** Re-projects exactly these groups (the drift check's repair), on the sync thread, and waits. */
    public SyncRun reproject(List<GroupRef> groups) {
        SyncRun queued = runs.queue(false, "drift repair");
        return CompletableFuture.supplyAsync(() -> {
            SyncRun run = record(queued.start());
            try {
                return record(pass.reproject(groups, run, this::record).finish(SyncRunStatus.SUCCEEDED, null));
            } catch (RuntimeException e) {
                return fail(run, rootMessage(e), true);
            }
        }, executor).join();
    }

    /** Holds automatic passes back (a test's "the process died before the sync ran"). */
    void hold() {
        held = true;
    }

    void release() {
        held = false;
    }

    /** The last outbox entry the graph has caught up with. */
    public long syncedUpTo() {
        return state.read().lastEventId();
    }

    // ------------------------------------------------------------------------------------------------------------
    // a pass

    private SyncRun run(SyncRun run, boolean explicit) {
        if (!explicit && (held || (nextAttemptAt != null && OffsetDateTime.now(ZoneOffset.UTC).isBefore(nextAttemptAt)))) {
            return run;
        }
        Optional<AdvisoryLocks.Held> lock;
        try {
            lock = locks.tryAcquire(AdvisoryLocks.GRAPH_SYNC);
        } catch (RuntimeException e) {
            return fail(run, "PostgreSQL is unreachable: " + e.getMessage(), false);
        }
        if (lock.isEmpty()) {
            return record(run.finish(SyncRunStatus.SKIPPED, "another instance is syncing"));
        }
        try (AdvisoryLocks.Held ignored = lock.get()) {
            runs.failInterrupted();
            current = run = record(run.start());
            schema.ensureMigrated();
            // asked on every pass, a full one too: a restored catalog must be noticed however the rebuild was asked for
            boolean rebuild = pass.needsRebuild() || run.full();
            long started = System.nanoTime();
            run = rebuild ? pass.rebuild(run.rebuilding(), this::record) : pass.incremental(run, this::record);
            backOffExecution = null;
            nextAttemptAt = null;
            if (run.groupsDone() > 0) {
                log.info("Graph sync {}: {} group(s) projected in {} ms (read {} ms, write {} ms)", run.id(), run.groupsDone(),
                        (System.nanoTime() - started) / 1_000_000, pass.readNanos / 1_000_000, pass.writeNanos / 1_000_000);
            }
            pass.readNanos = 0;
            pass.writeNanos = 0;
            return record(run.finish(SyncRunStatus.SUCCEEDED, null));
        } catch (RuntimeException e) {
            return fail(run, rootMessage(e), true);
        } finally {
            current = null;
        }
    }

    private SyncRun record(SyncRun run) {
        SyncRun recorded = runs.publish(run);
        if (recorded.finished()) {
            lastRun = recorded;
        } else if (current != null) {
            current = recorded;
        }
        return recorded;
    }

    private SyncRun fail(SyncRun run, String message, boolean recordInState) {
        if (backOffExecution == null) {
            backOffExecution = backOff.start();
        }
        long wait = backOffExecution.nextBackOff();
        nextAttemptAt = OffsetDateTime.now(ZoneOffset.UTC).plus(Duration.ofMillis(wait));
        if (recordInState) {
            try {
                state.failed(message);
            } catch (RuntimeException e) {
                log.debug("Could not record the sync error in PostgreSQL", e);
            }
        }
        log.warn("Graph sync failed ({}); next attempt in {} ms", message, wait);
        SyncRun failed = run.finish(SyncRunStatus.FAILED, message);
        try {
            return record(failed);
        } catch (RuntimeException unrecorded) {
            lastRun = failed; // PostgreSQL is out of reach too: the status still says what happened
            return failed;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + ": " + message;
    }

    // ------------------------------------------------------------------------------------------------------------
    // status

    public GraphSyncStatus status() {
        SyncState.State s = state.read();
        CatalogQueries.Backlog backlog = catalog.backlogAfter(s.lastEventId());
        long lagSeconds = backlog.oldest() == null ? 0
                : Math.max(0, Duration.between(backlog.oldest(), OffsetDateTime.now(ZoneOffset.UTC)).toSeconds());
        SyncRun active = current;
        String phase = !properties.syncEnabled() ? "DISABLED"
                : active != null ? (active.full() ? "REBUILDING" : "SYNCING")
                : nextAttemptAt != null ? "BACKING_OFF" : "IDLE";
        return new GraphSyncStatus(phase, s.lastEventId(), s.lastSyncedAt(), s.lastFullSyncAt(), backlog.events(), lagSeconds,
                s.lastError(), s.lastErrorAt(), nextAttemptAt, lagSeconds > properties.lagWarning().toSeconds(), lastRun);
    }
}
