package io.relationships.load;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.FileOutcome;
import io.relationships.catalog.Finding;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.LoadMode;
import io.relationships.catalog.UpdateResult;
import io.relationships.load.MembershipFiles.GroupData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load from files: list them, skip those whose checksum has not changed (incremental), read and validate each
 * one, stage what passes, and let the catalog diff and apply it — all in one transaction. Any rejected file
 * rejects the run, so that a run is applied whole or not at all.
 */
abstract class FileLoadStep implements LoadStep {

    private static final Logger log = LoggerFactory.getLogger(FileLoadStep.class);

    private final SourceFiles sourceFiles;
    private final CatalogQueries catalog;
    private final CatalogWriter writer;
    private final SecurityClassifier classifier;

    FileLoadStep(SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer, SecurityClassifier classifier) {
        this.sourceFiles = sourceFiles;
        this.catalog = catalog;
        this.writer = writer;
        this.classifier = classifier;
    }

    abstract GroupType groupType();

    /**
     * The groups a file describes, and the name of its format (null when not recognised); no groups when a gate
     * rejected it (the reasons are in {@code findings}).
     */
    abstract Interpretation interpret(SourceFiles.SourceFile file, SourceFiles.Content content, List<Finding> findings);

    record Interpretation(String format, List<GroupData> groups) {
    }

    @Override
    public void check(LoadRequest request) {
        sourceFiles.list(request, folder());
    }

    @Override
    public boolean hasInput(LoadRequest request) {
        if (request.directory() != null && request.files().isEmpty() && !Files.isDirectory(request.directory())) {
            return false; // a loadAll of a folder without this kind's subfolder
        }
        return !sourceFiles.list(request, folder()).isEmpty();
    }

    @Override
    public UpdateResult execute(RunContext run) {
        LoadRequest request = run.request();
        List<SourceFiles.SourceFile> files = sourceFiles.list(request, folder());
        if (files.isEmpty()) {
            String where = request.directory() != null ? request.directory().toString() : folder() + "/";
            int existing = catalog.groupKeys(groupType()).size();
            if (request.mode() != LoadMode.INCREMENTAL && existing > 0) {
                String why = "no files to load in " + where + "; a full load of nothing would remove all " + existing + " "
                        + groupType() + " group(s), so nothing was done";
                run.add(Finding.error(where, null, "NO_FILES", why));
                throw new RunRejected(why);
            }
            run.add(Finding.info(where, null, "NO_FILES", "no files to load in " + where + "; nothing to do"));
        }
        run.filesTotal(files.size());
        Map<String, String> unchangedChecksums = request.mode() == LoadMode.INCREMENTAL ? catalog.checksums(groupType()) : Map.of();
        Set<String> wanted = request.symbols();
        Map<String, FileOutcome> outcomes = new LinkedHashMap<>();
        Map<GroupRef, SourceFiles.SourceFile> stagedFrom = new HashMap<>();
        List<String> rejections = new ArrayList<>();
        run.phase("reading");
        try {
            return writer.update(run.plan(Set.of(groupType())), stager -> {
                for (SourceFiles.SourceFile file : files) {
                    run.fileStarted(file.label());
                    List<Finding> findings = new ArrayList<>();
                    SourceFiles.Content content;
                    try {
                        content = sourceFiles.read(file);
                    } catch (SourceFiles.Unreadable e) {
                        findings.add(e.finding());
                        reject(run, outcomes, rejections, file, null, null, findings);
                        continue;
                    }
                    String unchangedKey = unchangedChecksums.get(content.checksum());
                    if (unchangedKey != null) {
                        outcomes.put(file.label(), new FileOutcome(file.label(), null, FileOutcome.Status.UNCHANGED, content.checksum(),
                                (long) content.bytes().length, groupType(), unchangedKey, 0, "same checksum as its last load"));
                        run.fileDone(0);
                        continue;
                    }
                    Interpretation interpretation = interpretSafely(file, content, findings);
                    List<GroupData> groups = interpretation.groups();
                    String format = interpretation.format();
                    if (groups.isEmpty() || findings.stream().anyMatch(Finding::isError)) {
                        reject(run, outcomes, rejections, file, content, format, findings);
                        continue;
                    }
                    int rows = 0;
                    boolean skipped = true;
                    for (GroupData group : groups) {
                        if (!wanted.isEmpty() && !wanted.contains(group.group().key())) {
                            continue;
                        }
                        skipped = false;
                        GroupRef ref = new GroupRef(group.group().type(), group.group().key());
                        SourceFiles.SourceFile earlier = stagedFrom.putIfAbsent(ref, file);
                        if (earlier != null) {
                            findings.add(Finding.error(file.label(), null, "DUPLICATE_GROUP",
                                    ref.key() + " is also loaded from " + earlier.label() + "; keep one file per " + groupType()));
                            FileOutcome first = outcomes.get(earlier.label());
                            outcomes.put(earlier.label(), new FileOutcome(first.path(), first.format(), FileOutcome.Status.REJECTED,
                                    first.checksum(), first.bytes(), first.groupType(), first.groupKey(), first.rows(),
                                    ref.key() + " is also loaded from " + file.label()));
                            run.add(Finding.error(earlier.label(), null, "DUPLICATE_GROUP",
                                    ref.key() + " is also loaded from " + file.label() + "; keep one file per " + groupType()));
                            rejections.add(earlier.label() + ": " + ref.key() + " is also in " + file.label());
                            continue;
                        }
                        stager.group(group.group(), group.members());
                        group.securities().forEach(stager::security);
                        rows += group.members().size();
                    }
                    if (findings.stream().anyMatch(Finding::isError)) {
                        reject(run, outcomes, rejections, file, content, format, findings);
                        continue;
                    }
                    run.addAll(findings);
                    String key = groups.size() == 1 ? groups.get(0).group().key() : groups.size() + " groups";
                    outcomes.put(file.label(), new FileOutcome(file.label(), format,
                            skipped ? FileOutcome.Status.SKIPPED : FileOutcome.Status.LOADED, content.checksum(),
                            (long) content.bytes().length, groupType(), key, rows, skipped ? "not among the requested symbols" : null));
                    run.fileDone(rows);
                }
                if (!rejections.isEmpty()) {
                    throw new RunRejected(rejections.size() + " of " + files.size() + " file(s) rejected, nothing was written: "
                            + String.join("; ", rejections.stream().limit(5).toList()) + (rejections.size() > 5 ? "; …" : ""));
                }
                run.phase(request.mode() == LoadMode.DRY_RUN ? "diffing" : "applying");
            }, classifier == null ? null : (introduced, released, stager) -> {
                run.phase("classifying");
                classifier.classify(run, introduced, released, stager);
            });
        } finally {
            outcomes.values().forEach(run::add);
        }
    }

    /** Reading never throws by design; should a reader still fail, the file is rejected with its name, not the run. */
    private Interpretation interpretSafely(SourceFiles.SourceFile file, SourceFiles.Content content, List<Finding> findings) {
        try {
            return interpret(file, content, findings);
        } catch (RuntimeException e) {
            log.error("Reading {} failed unexpectedly", file.label(), e);
            findings.add(Finding.error(file.label(), null, "UNREADABLE_FILE", "the file could not be read ("
                    + e.getClass().getSimpleName() + "); nothing of it was loaded — please report this with the file"));
            return new Interpretation(null, List.of());
        }
    }

    private static void reject(RunContext run, Map<String, FileOutcome> outcomes, List<String> rejections, SourceFiles.SourceFile file,
                               SourceFiles.Content content, String format, List<Finding> findings) {
        run.addAll(findings);
        Finding first = findings.stream().filter(Finding::isError).findFirst().orElse(null);
        long errors = findings.stream().filter(Finding::isError).count();
        String why = first == null ? "rejected" : first + (errors > 1 ? " (and " + (errors - 1) + " more)" : "");
        outcomes.put(file.label(), new FileOutcome(file.label(), format, FileOutcome.Status.REJECTED,
                content == null ? null : content.checksum(), content == null ? null : (long) content.bytes().length,
                null, null, 0, why));
        rejections.add(why);
        run.fileDone(0);
    }
}
