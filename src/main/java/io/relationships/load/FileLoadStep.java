package io.relationships.load;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.UpdateResult;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
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
        FileStaging staging = new FileStaging(this, sourceFiles, run,
                request.mode() == LoadMode.INCREMENTAL ? catalog.checksums(groupType()) : Map.of());
        run.phase("reading");
        try {
            return writer.update(run.plan(Set.of(groupType())), stager -> staging.stageAll(files, stager),
                    classifier == null ? null : (introduced, released, stager) -> {
                        run.phase("classifying");
                        classifier.classify(run, introduced, released, stager);
                    });
        } finally {
            staging.outcomes().forEach(run::add);
        }
    }

    /** Reading never throws by design; should a reader still fail, the file is rejected with its name, not the run. */
    Interpretation interpretSafely(SourceFiles.SourceFile file, SourceFiles.Content content, List<Finding> findings) {
        try {
            return interpret(file, content, findings);
        } catch (RuntimeException e) {
            log.error("Reading {} failed unexpectedly", file.label(), e);
            findings.add(Finding.error(file.label(), null, "UNREADABLE_FILE", "the file could not be read ("
                    + e.getClass().getSimpleName() + "); nothing of it was loaded — please report this with the file"));
            return new Interpretation(null, List.of());
        }
    }

}
