package io.relationships.graph;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.relationships.catalog.AdvisoryLocks;
import io.relationships.catalog.CatalogChanged;
import io.relationships.catalog.CatalogEvent;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.ProgressFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import reactor.core.publisher.Flux;

/**
 * Keeps Neo4j in step with the catalog. Every committed run leaves outbox entries ({@code catalog_events}) in
 * the same transaction as its changes; the sync projects the groups they name and moves its cursor. Passes run
 * on one thread, after every change and on a timer; while Neo4j is unreachable the cursor stays where it was and
 * passes back off exponentially, so an outage only delays the graph. A pass takes an advisory lock, so several
 * instances never project the same change at the same time.
 */
@Service
public class GraphSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GraphSync.class);

    private final CatalogQueries catalog;
    private final GraphProjector projector;
    private final GraphSchema schema;
    private final SyncState state;
    private final AdvisoryLocks locks;
    private final GraphProperties properties;
    private final ApplicationEventPublisher events;
    private final ProgressFeed<SyncRun> progress = new ProgressFeed<>(SyncRun::finished);
    private final AtomicLong runIds = new AtomicLong();
    private final ExponentialBackOff backOff;
    private ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile boolean held;
    private volatile BackOffExecution backOffExecution;
    private volatile OffsetDateTime nextAttemptAt;
    private volatile SyncRun current;
    private volatile SyncRun lastRun;
    private static final int RECENT_RUNS = 50;
    private final java.util.Deque<SyncRun> recent = new java.util.ArrayDeque<>();
    private final GraphBuilding building;

    GraphSync(CatalogQueries catalog, GraphProjector projector, GraphSchema schema, SyncState state, AdvisoryLocks locks,
              GraphProperties properties, ApplicationEventPublisher events, GraphBuilding building) {
        this.building = building;
        this.catalog = catalog;
        this.projector = projector;
        this.schema = schema;
        this.state = state;
        this.locks = locks;
        this.properties = properties;
        this.events = events;
        this.backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        this.backOff.setMaxInterval(properties.retryMax().toMillis());
    }

    // ------------------------------------------------------------------------------------------------------------
    // lifecycle and triggers

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "graph-sync");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        if (properties.syncEnabled()) {
            executor.scheduleWithFixedDelay(() -> pass(newRun(false, "schedule"), false), 0,
                    properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            executor.execute(() -> pass(newRun(false, "run " + changed.runId()), false));
        }
    }

    /** Starts a sync now (full: rebuild the whole graph) and returns it queued; follow it with {@link #follow}. */
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('OPERATOR')")
    public SyncRun request(boolean full, String requestedBy) {
        SyncRun run = newRun(full, requestedBy);
        progress.publish(run.id(), run);
        executor.execute(() -> pass(run, true));
        return run;
    }

    /** Syncs now and waits for the end. */
    public SyncRun syncNow(boolean full, String requestedBy) {
        SyncRun run = newRun(full, requestedBy);
        return CompletableFuture.supplyAsync(() -> pass(run, true), executor).join();
    }

    public Flux<SyncRun> follow(long runId) {
        return progress.follow(runId);
    }

    public Optional<SyncRun> run(long runId) {
        return Optional.ofNullable(progress.latest(runId));
    }

    /** Re-projects exactly these groups (the drift check's repair), on the sync thread, and waits. */
    public SyncRun reproject(List<GroupRef> groups) {
        SyncRun run = newRun(false, "drift repair");
        return CompletableFuture.supplyAsync(() -> {
            SyncRun r = publish(run.start().planned(groups.size()));
            try {
                Set<String> symbols = new java.util.HashSet<>();
                r = projectFromCatalog(groups, symbols, r);
                events.publishEvent(new GraphSynced(List.copyOf(groups), symbols, false, state.read().lastEventId()));
                return publish(r.finish("SUCCEEDED", null));
            } catch (RuntimeException e) {
                return fail(r, rootMessage(e), true);
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

    // ------------------------------------------------------------------------------------------------------------
    // the pass

    private SyncRun newRun(boolean full, String requestedBy) {
        return SyncRun.queued(runIds.incrementAndGet(), full, requestedBy);
    }

    private SyncRun pass(SyncRun run, boolean explicit) {
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
            return publish(run.finish("SKIPPED", "another instance is syncing"));
        }
        try (AdvisoryLocks.Held ignored = lock.get()) {
            current = run = publish(run.start());
            schema.ensureMigrated();
            boolean rebuild = run.full() || needsRebuild();
            long started = System.nanoTime();
            run = rebuild ? rebuild(run.rebuilding()) : incremental(run);
            backOffExecution = null;
            nextAttemptAt = null;
            if (run.groupsDone() > 0) {
                log.info("Graph sync {}: {} group(s) projected in {} ms", run.id(), run.groupsDone(), (System.nanoTime() - started) / 1_000_000);
            }
            return publish(run.finish("SUCCEEDED", null));
        } catch (RuntimeException e) {
            return fail(run, rootMessage(e), true);
        } finally {
            current = null;
        }
    }

    /**
     * A graph never built, built by an older projection, or ahead of the catalog: the last case is a PostgreSQL
     * restored from a backup (its outbox ends before what the graph already reflects), where following the
     * restored cursor would leave the newer memberships in the graph for good.
     */
    private boolean needsRebuild() {
        Optional<GraphProjector.GraphMeta> meta = projector.meta();
        if (meta.isEmpty() || meta.get().projectionVersion() < GraphProjector.PROJECTION_VERSION) {
            return true;
        }
        long catalogUpTo = catalog.lastEventId();
        if (meta.get().syncedUpTo() > catalogUpTo) {
            log.warn("The graph reflects the catalog up to outbox entry {} but the catalog ends at {}: PostgreSQL was restored "
                    + "from an older backup; rebuilding the graph from it", meta.get().syncedUpTo(), catalogUpTo);
            return true;
        }
        return false;
    }

    /** The last outbox entry the graph has caught up with. */
    public long syncedUpTo() {
        return state.read().lastEventId();
    }

    private SyncRun incremental(SyncRun run) {
        long cursor = state.read().lastEventId();
        List<CatalogEvent> pending = catalog.eventsAfter(cursor, properties.eventsPerPass());
        while (!pending.isEmpty()) {
            Set<GroupRef> groups = new LinkedHashSet<>();
            pending.forEach(event -> groups.add(event.group()));
            run = publish(run.planned(run.groupsTotal() + groups.size()));
            Set<String> symbols = new java.util.HashSet<>();
            run = projectFromCatalog(List.copyOf(groups), symbols, run);
            cursor = pending.get(pending.size() - 1).id();
            projector.recordProgress(cursor);
            state.synced(cursor, false);
            run = run.events(run.eventsProcessed() + pending.size());
            events.publishEvent(new GraphSynced(List.copyOf(groups), symbols, false, cursor));
            pending = catalog.eventsAfter(cursor, properties.eventsPerPass());
        }
        if (run.groupsTotal() == 0) {
            state.synced(cursor, false);
        }
        return run;
    }

    /** Projects every group of the catalog and removes what the catalog no longer has. */
    private SyncRun rebuild(SyncRun run) {
        long started = System.nanoTime();
        long upTo = catalog.lastEventId();
        List<GroupRef> groups = new ArrayList<>();
        for (GroupType type : GroupType.values()) {
            catalog.groupKeys(type).forEach(key -> groups.add(new GroupRef(type, key)));
        }
        run = publish(run.planned(groups.size()));
        // what the graph holds before: projecting the catalog's groups adds only those, so the rest are stale
        Set<GroupRef> stale = projector.groupsInGraph();
        boolean intoEmptyGraph = !groups.isEmpty() && stale.isEmpty();
        if (intoEmptyGraph) {
            building.started();
        }
        try {
            run = projectFromCatalog(groups, new java.util.HashSet<>(), run);
        } finally {
            if (intoEmptyGraph) {
                building.finished();
            }
        }
        groups.forEach(stale::remove);
        if (!stale.isEmpty()) {
            projector.project(List.of(), List.copyOf(stale));
        }
        projector.removeAllOrphans();
        projector.markRebuilt(upTo);
        state.synced(upTo, true);
        log.info("Rebuilt the graph: {} groups projected, {} removed, in {} ms", groups.size(), stale.size(),
                (System.nanoTime() - started) / 1_000_000);
        List<GroupRef> changed = new ArrayList<>(groups);
        changed.addAll(stale);
        events.publishEvent(new GraphSynced(changed, Set.of(), true, upTo));
        return run;
    }

    /**
     * The groups as the catalog has them now (the latest state, however many changes led to it), in
     * transactions of about {@code batchSize} memberships; collects the touched symbols and counts progress.
     */
    private SyncRun projectFromCatalog(List<GroupRef> groups, Set<String> touched, SyncRun run) {
        List<io.relationships.catalog.GroupSnapshot> batch = new ArrayList<>();
        List<GroupRef> removals = new ArrayList<>();
        int rows = 0;
        for (GroupRef group : groups) {
            var snapshot = catalog.snapshot(group);
            if (snapshot.isPresent()) {
                batch.add(snapshot.get());
                rows += snapshot.get().members().size();
            } else {
                removals.add(group);
            }
            if (rows >= properties.batchSize() || batch.size() + removals.size() >= 200) {
                touched.addAll(projector.project(batch, removals));
                run = publish(run.groupsDone(run.groupsDone() + batch.size() + removals.size()));
                batch.clear();
                removals.clear();
                rows = 0;
            }
        }
        if (!batch.isEmpty() || !removals.isEmpty()) {
            touched.addAll(projector.project(batch, removals));
            run = publish(run.groupsDone(run.groupsDone() + batch.size() + removals.size()));
        }
        return run;
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
        return publish(run.finish("FAILED", message));
    }

    private SyncRun publish(SyncRun run) {
        progress.publish(run.id(), run);
        if (run.finished()) {
            lastRun = run;
            // the timer's passes that found nothing to do would crowd out the ones that did
            boolean idleTimerPass = "schedule".equals(run.requestedBy()) && !run.full() && run.groupsTotal() == 0 && "SUCCEEDED".equals(run.status());
            if (!idleTimerPass) {
                synchronized (recent) {
                    recent.addFirst(run);
                    while (recent.size() > RECENT_RUNS) {
                        recent.removeLast();
                    }
                }
            }
        }
        return run;
    }

    /** This instance's last passes, newest first, but for the timer's passes that found nothing to do. */
    public List<SyncRun> recentRuns(int limit) {
        synchronized (recent) {
            return recent.stream().limit(limit).toList();
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
