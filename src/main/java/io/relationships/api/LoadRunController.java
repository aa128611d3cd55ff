package io.relationships.api;

import java.time.Duration;
import java.util.List;

import io.relationships.catalog.CatalogHistory;
import io.relationships.catalog.GroupDiff;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.MembershipChange;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadProgress;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.ProgressHub;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code LoadRun}: the history of loads and rollbacks, what each read, found and changed, and its live progress. */
@Controller
class LoadRunController {

    record GroupDiffView(GroupType groupType, String groupKey, String groupChange, List<String> added, List<String> removed,
                         List<MembershipChange> reweighted, int otherChanges) {

        static GroupDiffView of(GroupDiff diff) {
            return new GroupDiffView(diff.group().type(), diff.group().key(), diff.groupChange(), diff.added(), diff.removed(),
                    diff.reweighted(), diff.otherChanges());
        }
    }

    private final LoadRunStore runs;
    private final CatalogHistory history;
    private final ProgressHub progress;
    private final ApiProperties properties;

    LoadRunController(LoadRunStore runs, CatalogHistory history, ProgressHub progress, ApiProperties properties) {
        this.runs = runs;
        this.history = history;
        this.progress = progress;
        this.properties = properties;
    }

    /** Newest first; a cursor is a run's id, so a page stays put while new runs start. */
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
        return history.diffBetween(from, to, diffSize(first)).stream().map(GroupDiffView::of).toList();
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

    @SchemaMapping(typeName = "LoadRun")
    List<GroupDiffView> diff(LoadRunRecord run, @Argument Integer first) {
        return history.diff(run.id(), diffSize(first)).stream().map(GroupDiffView::of).toList();
    }

    private int diffSize(Integer first) {
        return first == null ? 100 : Connections.pageSize(first, properties);
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
}
