package io.relationships.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.relationships.cache.CacheScope;
import io.relationships.cache.CacheStatistics;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.GroupDiff;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.Symbols;
import io.relationships.graph.DriftCheck;
import io.relationships.graph.DriftReport;
import io.relationships.graph.GraphSync;
import io.relationships.graph.GraphSyncStatus;
import io.relationships.graph.SyncRun;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadProgress;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.LoadService;
import io.relationships.load.ProgressHub;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** Loads, rollbacks, graph syncs, drift and the cache: the operators' side of the API. */
@Controller
class OperationsController {

    record FileInput(String path, String upload, String key) {
    }

    private final LoadService loads;
    private final LoadRunStore runs;
    private final CatalogHistory history;
    private final ProgressHub progress;
    private final GraphSync sync;
    private final DriftCheck drift;
    private final RelationshipCache cache;
    private final ApiProperties properties;

    OperationsController(LoadService loads, LoadRunStore runs, CatalogHistory history, ProgressHub progress, GraphSync sync,
                         DriftCheck drift, RelationshipCache cache, ApiProperties properties) {
        this.loads = loads;
        this.runs = runs;
        this.history = history;
        this.progress = progress;
        this.sync = sync;
        this.drift = drift;
        this.cache = cache;
        this.properties = properties;
    }

    // ------------------------------------------------------------------------------------------------------------
    // load runs

    @QueryMapping
    Connections.Connection<LoadRunRecord> loadRuns(@Argument Integer first, @Argument String after, @Argument RunKind kind,
                                                   @Argument RunStatus status) {
        int size = Connections.pageSize(first, properties);
        Long before = after == null ? null : (long) Connections.offset(after);
        List<LoadRunRecord> page = runs.list(kind, status, before, size + 1);
        boolean more = page.size() > size;
        List<Connections.Edge<LoadRunRecord>> edges = page.stream().limit(size)
                .map(r -> new Connections.Edge<>(Connections.cursor((int) r.id()), r, null)).toList();
        return new Connections.Connection<>(edges, new Connections.PageInfo(more, after != null,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                (int) runs.count(kind, status));
    }

    @QueryMapping
    LoadRunRecord loadRun(@Argument String id) {
        return runs.find(Arguments.id("id", id)).orElse(null);
    }

    @SchemaMapping(typeName = "LoadRun")
    Long durationMillis(LoadRunRecord run) {
        return run.finishedAt() == null ? null : Duration.between(run.startedAt(), run.finishedAt()).toMillis();
    }

    @SchemaMapping(typeName = "LoadRun")
    List<FileOutcome> files(LoadRunRecord run) {
        return runs.files(run.id());
    }

    @SchemaMapping(typeName = "LoadRun")
    List<Finding> findings(LoadRunRecord run, @Argument Finding.Severity severity, @Argument Integer first) {
        int limit = first == null ? 200 : Connections.pageSize(first, properties);
        List<Finding> all = runs.findings(run.id(), severity == null ? limit : Integer.MAX_VALUE);
        return all.stream().filter(f -> severity == null || f.severity() == severity).limit(limit).toList();
    }

    record GroupDiffView(GroupType groupType, String groupKey, String groupChange, List<String> added, List<String> removed,
                         List<io.relationships.catalog.MembershipChange> reweighted, int otherChanges) {
    }

    @SchemaMapping(typeName = "LoadRun")
    List<GroupDiffView> diff(LoadRunRecord run, @Argument Integer first) {
        int max = first == null ? 100 : Connections.pageSize(first, properties);
        return history.diff(run.id(), max).stream().map(OperationsController::view).toList();
    }

    /** What changed between the catalog after one run and after a later one: the net of the applied runs in between. */
    @QueryMapping
    List<GroupDiffView> loadRunsDiff(@Argument("from") String fromId, @Argument("to") String toId, @Argument Integer first) {
        long from = Arguments.id("from", fromId);
        long to = Arguments.id("to", toId);
        if (to < from) {
            throw new IllegalArgumentException("`to` (" + to + ") must not be before `from` (" + from + ")");
        }
        runs.find(from).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No load run " + from));
        runs.find(to).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No load run " + to));
        int max = first == null ? 100 : Connections.pageSize(first, properties);
        return history.diffBetween(from, to, max).stream().map(OperationsController::view).toList();
    }

    private static GroupDiffView view(GroupDiff diff) {
        return new GroupDiffView(diff.group().type(), diff.group().key(), diff.groupChange(), diff.added(), diff.removed(),
                diff.reweighted(), diff.otherChanges());
    }

    @SchemaMapping(typeName = "LoadRun")
    List<LoadRunRecord> steps(LoadRunRecord run) {
        return run.kind() == RunKind.ALL ? runs.children(run.id()) : List.of();
    }

    @SchemaMapping(typeName = "LoadRun")
    LoadRunRecord rollbackOf(LoadRunRecord run) {
        return run.rollbackOf() == null ? null : runs.find(run.rollbackOf()).orElse(null);
    }

    @SchemaMapping(typeName = "LoadRun")
    LoadRunRecord rolledBackBy(LoadRunRecord run) {
        return run.rolledBackBy() == null ? null : runs.find(run.rolledBackBy()).orElse(null);
    }

    @SchemaMapping(typeName = "LoadRun")
    LoadProgress progress(LoadRunRecord run) {
        return progress.latest(run.id());
    }

    // ------------------------------------------------------------------------------------------------------------
    // load mutations

    @MutationMapping
    LoadRunRecord loadEtfHoldings(@Argument LoadMode mode, @Argument List<String> symbols, @Argument String directory,
                                  @Argument List<FileInput> files, @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        Set<String> canonical = symbols == null ? Set.of() : Set.copyOf(symbols.stream().map(Symbols::canonicalOrSelf).toList());
        return loads.start(request(RunKind.ETF_HOLDINGS, mode, directory, files, trigger).withSymbols(canonical));
    }

    @MutationMapping
    LoadRunRecord loadUniverses(@Argument LoadMode mode, @Argument String directory, @Argument List<FileInput> files,
                                @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.UNIVERSES, mode, directory, files, trigger));
    }

    @MutationMapping
    LoadRunRecord loadThemes(@Argument LoadMode mode, @Argument String directory, @Argument List<FileInput> files,
                             @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.THEMES, mode, directory, files, trigger));
    }

    @MutationMapping
    LoadRunRecord enrichSectors(@Argument LoadMode mode, @Argument String directory, @Argument List<FileInput> files,
                                @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.SECTORS, mode == null ? LoadMode.FULL : mode, directory, files, trigger));
    }

    @MutationMapping
    LoadRunRecord loadAll(@Argument LoadMode mode, @Argument String directory, @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.start(request(RunKind.ALL, mode, directory, null, trigger));
    }

    @MutationMapping
    LoadRunRecord rollbackLoad(@Argument String id, @Argument Boolean cascade, @ContextValue(name = RequestContext.TRIGGER) Trigger trigger) {
        return loads.rollback(Arguments.id("id", id), Boolean.TRUE.equals(cascade), trigger, user());
    }

    private LoadRequest request(RunKind kind, LoadMode mode, String directory, List<FileInput> files, Trigger trigger) {
        LoadRequest request = LoadRequest.of(kind, mode == null ? LoadMode.INCREMENTAL : mode, trigger, user());
        if (directory != null && !directory.isBlank()) {
            request = request.withDirectory(Path.of(directory));
        }
        if (files != null && !files.isEmpty()) {
            request = request.withFiles(files.stream().map(OperationsController::fileSpec).toList());
        }
        return request;
    }

    private static LoadRequest.FileSpec fileSpec(FileInput file) {
        if ((file.path() == null) == (file.upload() == null)) {
            throw new ApiException(ErrorCode.VALIDATION, "a file is given by its 'path' or by the id of its 'upload', one of the two");
        }
        return file.upload() != null ? LoadRequest.FileSpec.upload(file.upload(), file.key()) : new LoadRequest.FileSpec(Path.of(file.path()), file.key());
    }

    /** Who asked: the API key's name, the logged-in user, or anonymous. */
    private static String user() {
        return io.relationships.support.Privileged.currentUser();
    }

    @SubscriptionMapping
    Flux<LoadProgress> loadProgress(@Argument String runId) {
        return loads.follow(Arguments.id("runId", runId));
    }

    // ------------------------------------------------------------------------------------------------------------
    // graph and cache

    @QueryMapping
    GraphSyncStatus graphSync() {
        return sync.status();
    }

    @QueryMapping
    List<SyncRun> graphSyncRuns(@Argument Integer first) {
        return sync.recentRuns(Arguments.first(first, 20, 50));
    }

    @QueryMapping
    SyncRun graphSyncRun(@Argument String id) {
        return sync.run(Arguments.id("id", id)).orElse(null);
    }

    @SchemaMapping(typeName = "GraphSyncStatus")
    DriftReport drift(GraphSyncStatus status) {
        return drift.last();
    }

    @SchemaMapping(typeName = "GraphSyncStatus")
    boolean degraded(GraphSyncStatus status) {
        return status.degraded();
    }

    @MutationMapping
    SyncRun syncGraph(@Argument Boolean full) {
        return sync.request(Boolean.TRUE.equals(full), user());
    }

    @SubscriptionMapping
    Flux<SyncRun> syncProgress(@Argument("runId") String runIdText) {
        long runId = Arguments.id("runId", runIdText);
        sync.run(runId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No graph sync " + runId));
        return sync.follow(runId);
    }

    /** Comparing the stores costs a read of both in full: an operator's action even without repair (which checks again). */
    @MutationMapping
    @PreAuthorize("hasRole('OPERATOR')")
    DriftReport checkDrift(@Argument Boolean repair) {
        DriftReport report = drift.check();
        return Boolean.TRUE.equals(repair) && !report.differing().isEmpty() ? drift.repair(report) : report;
    }

    @SchemaMapping(typeName = "DriftReport")
    List<DriftReport.GroupDrift> groups(DriftReport report) {
        return report.differing();
    }

    @SchemaMapping(typeName = "DriftReport")
    long groupsChecked(DriftReport report) {
        return report.groups();
    }

    @SchemaMapping(typeName = "GroupDrift")
    GroupType groupType(DriftReport.GroupDrift drift) {
        return drift.group().type();
    }

    @SchemaMapping(typeName = "GroupDrift")
    String groupKey(DriftReport.GroupDrift drift) {
        return drift.group().key();
    }

    @QueryMapping
    CacheStatistics cacheStats() {
        return cache.stats();
    }

    @MutationMapping
    CacheStatistics refreshCache(@Argument CacheScope scope, @Argument Boolean warm) {
        return cache.refresh(scope == null ? CacheScope.ALL : scope, Boolean.TRUE.equals(warm));
    }
}
