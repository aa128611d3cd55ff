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

    private static final Keyset<LoadRunRecord> RUNS = Keyset.byId("loadRuns", LoadRunRecord::id, true);
    private static final Keyset<LoadRunStore.Logged<FileOutcome>> FILES = Keyset.byId("files", LoadRunStore.Logged::id, false);
    private static final Keyset<LoadRunStore.Logged<Finding>> FINDINGS = Keyset.byId("findings", LoadRunStore.Logged::id, false);
    private static final Keyset<GroupDiffView> DIFFS = Keyset.of("diff", Keyset.ascending(d -> d.groupType().name()),
            Keyset.ascending(GroupDiffView::groupKey));

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
    Connections.Connection<LoadRunRecord> loadRuns(@Argument RunKind kind, @Argument RunStatus status, @Argument Integer first,
                                                   @Argument String after, @Argument Integer last, @Argument String before) {
        return Connections.slice(window -> runs.list(kind, status, window), RUNS, Paging.of(first, after, last, before, properties),
                (int) runs.count(kind, status));
    }

    @QueryMapping
    LoadRunRecord loadRun(@Argument String id) {
        return runs.find(Arguments.id("id", id)).orElse(null);
    }

    /** What changed between the catalog after one run and after a later one: the net of the applied runs in between. */
    @QueryMapping
    Connections.Connection<GroupDiffView> loadRunsDiff(@Argument("from") String fromId, @Argument("to") String toId,
                                                       @Argument Integer symbolsPerList, @Argument Integer first, @Argument String after,
                                                       @Argument Integer last, @Argument String before) {
        long from = Arguments.id("from", fromId);
        long to = Arguments.id("to", toId);
        if (to < from) {
            throw new IllegalArgumentException("`to` (" + to + ") must not be before `from` (" + from + ")");
        }
        Paging paging = Paging.of(first, after, last, before, properties);
        runs.find(from).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No load run " + from));
        runs.find(to).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No load run " + to));
        return diffs(history.diffBetween(from, to, symbolsPerList(symbolsPerList)), paging);
    }

    @SchemaMapping(typeName = "LoadRun")
    Long durationMillis(LoadRunRecord run) {
        return run.finishedAt() == null ? null : Duration.between(run.startedAt(), run.finishedAt()).toMillis();
    }

    @SchemaMapping(typeName = "LoadRun")
    Connections.Connection<FileOutcome> files(LoadRunRecord run, @Argument Integer first, @Argument String after, @Argument Integer last,
                                              @Argument String before) {
        return Connections.slice(window -> runs.files(run.id(), window), FILES, Paging.of(first, after, last, before, properties),
                runs.countFiles(run.id()), (file, cursor) -> new Connections.Edge<>(cursor, file.item()));
    }

    @SchemaMapping(typeName = "LoadRun")
    Connections.Connection<Finding> findings(LoadRunRecord run, @Argument Finding.Severity severity, @Argument Integer first,
                                             @Argument String after, @Argument Integer last, @Argument String before) {
        return Connections.slice(window -> runs.findings(run.id(), severity, window), FINDINGS,
                Paging.of(first, after, last, before, properties), runs.countFindings(run.id(), severity),
                (finding, cursor) -> new Connections.Edge<>(cursor, finding.item()));
    }

    @SchemaMapping(typeName = "LoadRun")
    Connections.Connection<GroupDiffView> diff(LoadRunRecord run, @Argument Integer symbolsPerList, @Argument Integer first,
                                               @Argument String after, @Argument Integer last, @Argument String before) {
        Paging paging = Paging.of(first, after, last, before, properties);
        return diffs(history.diff(run.id(), symbolsPerList(symbolsPerList)), paging);
    }

    private Connections.Connection<GroupDiffView> diffs(List<GroupDiff> diffs, Paging paging) {
        return Connections.page(DIFFS.sorted(diffs.stream().map(GroupDiffView::of).toList()), DIFFS, paging);
    }

    private int symbolsPerList(Integer symbolsPerList) {
        return Arguments.first("symbolsPerList", symbolsPerList, 100, properties.maxPageSize());
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
