package io.relationships.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.relationships.catalog.CatalogEvent;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupSnapshot;
import io.relationships.catalog.GroupType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What one pass of the sync does, once it holds the lock: project the groups the outbox names since the cursor
 * (incremental), or every group of the catalog and remove what it no longer has (rebuild). Groups are read from
 * PostgreSQL in batches and written to Neo4j in transactions of about {@code batch-size} memberships; after each
 * batch the cursor moves and {@link GraphSynced} tells the caches what changed.
 */
@Component
class SyncPass {

    private static final Logger log = LoggerFactory.getLogger(SyncPass.class);
    /** Groups read from PostgreSQL in one query. */
    private static final int GROUPS_PER_READ = 50;
    /**
     * A rebuild that changed at most this many groups and members tells the caches which (they reload what they
     * held of them); past it, that everything changed. At 1M memberships, reloading everything the start-up warm-up
     * had cached took 16.8 s after a rebuild that had changed nothing.
     */
    static final int EVICTED_ONE_BY_ONE = 10_000;

    private final CatalogQueries catalog;
    private final GraphProjector projector;
    private final SyncState state;
    private final GraphBuilding building;
    private final GraphProperties properties;
    private final ApplicationEventPublisher events;
    private final GraphSessions sessions;
    private final CatalogWriter writer;
    /** Time spent reading groups from PostgreSQL and writing them to Neo4j since the last reset (for the pass's log line). */
    long readNanos;
    long writeNanos;

    SyncPass(CatalogQueries catalog, CatalogWriter writer, GraphProjector projector, SyncState state, GraphBuilding building,
             GraphProperties properties, ApplicationEventPublisher events, GraphSessions sessions) {
        this.writer = writer;
        this.sessions = sessions;
        this.catalog = catalog;
        this.projector = projector;
        this.state = state;
        this.building = building;
        this.properties = properties;
        this.events = events;
    }

    /**
     * A graph never built, built by an older projection, or ahead of the catalog: the last case is a PostgreSQL
     * restored from a backup (its outbox ends before what the graph already reflects), where following the
     * restored cursor would leave the newer memberships in the graph for good. That case also numbers the catalog's
     * next changes after the graph's position ({@link CatalogWriter#continueOutboxAfter}).
     */
    boolean needsRebuild() {
        Optional<GraphProjector.GraphMeta> meta = projector.meta();
        if (meta.isEmpty() || meta.get().projectionVersion() < GraphProjector.PROJECTION_VERSION) {
            return true;
        }
        long catalogUpTo = catalog.lastEventId();
        if (meta.get().syncedUpTo() > catalogUpTo) {
            log.warn("The graph reflects the catalog up to outbox entry {} but the catalog ends at {}: PostgreSQL was restored "
                    + "from an older backup; rebuilding the graph from it, and numbering the catalog's next changes after {}",
                    meta.get().syncedUpTo(), catalogUpTo, meta.get().syncedUpTo());
            writer.continueOutboxAfter(meta.get().syncedUpTo());
            return true;
        }
        return false;
    }

    /** The outbox since the cursor, a batch of entries at a time; {@code progress} records the pass as it goes. */
    SyncRun incremental(SyncRun run, UnaryOperator<SyncRun> progress) {
        long cursor = state.read().lastEventId();
        List<CatalogEvent> pending = catalog.eventsAfter(cursor, properties.eventsPerPass());
        while (!pending.isEmpty()) {
            Set<GroupRef> groups = new LinkedHashSet<>();
            pending.forEach(event -> groups.add(event.group()));
            run = progress.apply(run.planned(run.groupsTotal() + groups.size()));
            Set<String> symbols = new HashSet<>();
            run = project(List.copyOf(groups), written -> symbols.addAll(written.touched()), run, progress);
            cursor = pending.get(pending.size() - 1).id();
            projector.recordProgress(cursor);
            state.synced(cursor, false);
            run = run.events(run.eventsProcessed() + pending.size());
            events.publishEvent(new GraphSynced(List.copyOf(groups), symbols, false, cursor, sessions.bookmarks()));
            pending = catalog.eventsAfter(cursor, properties.eventsPerPass());
        }
        if (run.groupsTotal() == 0) {
            state.synced(cursor, false);
        }
        return run;
    }

    /** Projects every group of the catalog and removes what the catalog no longer has. */
    SyncRun rebuild(SyncRun run, UnaryOperator<SyncRun> progress) {
        long started = System.nanoTime();
        long upTo = catalog.lastEventId();
        List<GroupRef> groups = new ArrayList<>();
        for (GroupType type : GroupType.values()) {
            catalog.groupKeys(type).forEach(key -> groups.add(new GroupRef(type, key)));
        }
        run = progress.apply(run.planned(groups.size()));
        // what the graph holds before: projecting the catalog's groups adds only those, so the rest are stale
        Set<GroupRef> stale = projector.groupsInGraph();
        boolean intoEmptyGraph = !groups.isEmpty() && stale.isEmpty();
        if (intoEmptyGraph) {
            building.started();
        }
        Set<GroupRef> changedGroups = new LinkedHashSet<>();
        Set<String> changedSymbols = new HashSet<>();
        Consumer<GraphProjector.Written> changes = written -> {
            changedGroups.addAll(written.groups());
            changedSymbols.addAll(written.symbols());
        };
        try {
            run = project(groups, changes, run, progress);
        } finally {
            if (intoEmptyGraph) {
                building.finished();
            }
        }
        groups.forEach(stale::remove);
        if (!stale.isEmpty()) {
            changes.accept(projector.project(List.of(), List.copyOf(stale)));
        }
        changedSymbols.addAll(projector.removeAllOrphans());
        projector.markRebuilt(upTo);
        state.synced(upTo, true);
        log.info("Rebuilt the graph: {} groups projected, {} removed, {} groups and {} members changed, in {} ms (read {} ms, write {} ms)",
                groups.size(), stale.size(), changedGroups.size(), changedSymbols.size(), (System.nanoTime() - started) / 1_000_000,
                readNanos / 1_000_000, writeNanos / 1_000_000);
        // the caches forget what the rebuild changed (nothing, for a graph that was in step) and keep the rest warm;
        // past a bound, everything (a first build, a new projection)
        boolean everything = changedGroups.size() + changedSymbols.size() > EVICTED_ONE_BY_ONE;
        List<GroupRef> changed = new ArrayList<>(everything ? groups : changedGroups);
        if (everything) {
            changed.addAll(stale);
        }
        events.publishEvent(new GraphSynced(changed, everything ? Set.of() : changedSymbols, everything, upTo, sessions.bookmarks()));
        return run;
    }

    /** Re-projects exactly these groups as the catalog has them (the drift check's repair). */
    SyncRun reproject(List<GroupRef> groups, SyncRun run, UnaryOperator<SyncRun> progress) {
        Set<String> symbols = new HashSet<>();
        run = project(groups, written -> symbols.addAll(written.touched()), progress.apply(run.planned(groups.size())), progress);
        events.publishEvent(new GraphSynced(List.copyOf(groups), symbols, false, state.read().lastEventId(), sessions.bookmarks()));
        return run;
    }

    /**
     * The groups as the catalog has them now (the latest state, however many changes led to it), read a batch at a
     * time and written in transactions of about {@code batchSize} memberships; each transaction's {@link
     * GraphProjector.Written} goes to {@code written}.
     */
    private SyncRun project(List<GroupRef> groups, Consumer<GraphProjector.Written> written, SyncRun run, UnaryOperator<SyncRun> progress) {
        List<GroupSnapshot> batch = new ArrayList<>();
        List<GroupRef> removals = new ArrayList<>();
        int rows = 0;
        for (int from = 0; from < groups.size(); from += GROUPS_PER_READ) {
            List<GroupRef> slice = groups.subList(from, Math.min(groups.size(), from + GROUPS_PER_READ));
            long readStarted = System.nanoTime();
            var snapshots = catalog.snapshots(slice);
            readNanos += System.nanoTime() - readStarted;
            for (GroupRef group : slice) {
                GroupSnapshot snapshot = snapshots.get(group);
                if (snapshot != null) {
                    batch.add(snapshot);
                    rows += snapshot.members().size();
                } else {
                    removals.add(group);
                }
                if (rows >= properties.batchSize() || batch.size() + removals.size() >= 200) {
                    long writeStarted = System.nanoTime();
                    written.accept(projector.project(batch, removals));
                    writeNanos += System.nanoTime() - writeStarted;
                    run = progress.apply(run.groupsDone(run.groupsDone() + batch.size() + removals.size()));
                    batch.clear();
                    removals.clear();
                    rows = 0;
                }
            }
        }
        if (!batch.isEmpty() || !removals.isEmpty()) {
            written.accept(projector.project(batch, removals));
            run = progress.apply(run.groupsDone(run.groupsDone() + batch.size() + removals.size()));
        }
        return run;
    }
}
