package io.relationships.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relationships.catalog.CatalogStager;
import io.relationships.catalog.GroupRef;
import io.relationships.load.FileLoadStep.Interpretation;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.MembershipFiles.GroupData;

/**
 * The files of one run, read, checked and staged one by one: a file whose checksum has not changed is left out
 * (incremental), a file a gate rejects is recorded with why, two files for one group reject each other. Any
 * rejection rejects the run ({@link RunRejected}) once every file has been looked at, so that the operator sees
 * every problem at once.
 */
final class FileStaging {

    private final FileLoadStep step;
    private final SourceFiles sourceFiles;
    private final RunContext run;
    private final Map<String, String> unchangedChecksums;
    private final Set<String> wanted;
    private final Map<String, FileOutcome> outcomes = new LinkedHashMap<>();
    private final Map<GroupRef, SourceFiles.SourceFile> stagedFrom = new HashMap<>();
    private final List<String> rejections = new ArrayList<>();

    /** @param unchangedChecksums checksum → group key of the files loaded last time (incremental runs); empty otherwise */
    FileStaging(FileLoadStep step, SourceFiles sourceFiles, RunContext run, Map<String, String> unchangedChecksums) {
        this.step = step;
        this.sourceFiles = sourceFiles;
        this.run = run;
        this.unchangedChecksums = unchangedChecksums;
        this.wanted = run.request().symbols();
    }

    /** What became of each file, for the run's record. */
    Collection<FileOutcome> outcomes() {
        return outcomes.values();
    }

    void stageAll(List<SourceFiles.SourceFile> files, CatalogStager stager) {
        for (SourceFiles.SourceFile file : files) {
            stage(file, stager);
        }
        if (!rejections.isEmpty()) {
            throw new RunRejected(rejections.size() + " of " + files.size() + " file(s) rejected, nothing was written: "
                    + String.join("; ", rejections.stream().limit(5).toList()) + (rejections.size() > 5 ? "; …" : ""));
        }
        run.phase(run.mode() == LoadMode.DRY_RUN ? "diffing" : "applying");
    }

    private void stage(SourceFiles.SourceFile file, CatalogStager stager) {
        run.fileStarted(file.label());
        List<Finding> findings = new ArrayList<>();
        SourceFiles.Content content;
        try {
            content = sourceFiles.read(file);
        } catch (SourceFiles.Unreadable e) {
            findings.add(e.finding());
            reject(file, null, null, findings);
            return;
        }
        String unchangedKey = unchangedChecksums.get(content.checksum());
        if (unchangedKey != null) {
            outcomes.put(file.label(), new FileOutcome(file.label(), null, FileOutcome.Status.UNCHANGED, content.checksum(),
                    (long) content.bytes().length, step.groupType(), unchangedKey, 0, "same checksum as its last load"));
            run.fileDone(0);
            return;
        }
        Interpretation interpretation = step.interpretSafely(file, content, findings);
        List<GroupData> groups = interpretation.groups();
        if (groups.isEmpty() || findings.stream().anyMatch(Finding::isError)) {
            reject(file, content, interpretation.format(), findings);
            return;
        }
        int rows = 0;
        boolean skipped = true;
        for (GroupData group : groups) {
            if (!wanted.isEmpty() && !wanted.contains(group.group().key())) {
                continue;
            }
            skipped = false;
            if (claimedElsewhere(file, new GroupRef(group.group().type(), group.group().key()), findings)) {
                continue;
            }
            stager.group(group.group(), group.members());
            group.securities().forEach(stager::security);
            rows += group.members().size();
        }
        if (findings.stream().anyMatch(Finding::isError)) {
            reject(file, content, interpretation.format(), findings);
            return;
        }
        run.addAll(findings);
        String key = groups.size() == 1 ? groups.get(0).group().key() : groups.size() + " groups";
        outcomes.put(file.label(), new FileOutcome(file.label(), interpretation.format(),
                skipped ? FileOutcome.Status.SKIPPED : FileOutcome.Status.LOADED, content.checksum(),
                (long) content.bytes().length, step.groupType(), key, rows, skipped ? "not among the requested symbols" : null));
        run.fileDone(rows);
    }

    /** Whether another file of the run already staged {@code ref}: then both files are rejected. */
    private boolean claimedElsewhere(SourceFiles.SourceFile file, GroupRef ref, List<Finding> findings) {
        SourceFiles.SourceFile earlier = stagedFrom.putIfAbsent(ref, file);
        if (earlier == null) {
            return false;
        }
        findings.add(Finding.error(file.label(), null, "DUPLICATE_GROUP",
                ref.key() + " is also loaded from " + earlier.label() + "; keep one file per " + step.groupType()));
        FileOutcome first = outcomes.get(earlier.label());
        outcomes.put(earlier.label(), new FileOutcome(first.path(), first.format(), FileOutcome.Status.REJECTED,
                first.checksum(), first.bytes(), first.groupType(), first.groupKey(), first.rows(),
                ref.key() + " is also loaded from " + file.label()));
        run.add(Finding.error(earlier.label(), null, "DUPLICATE_GROUP",
                ref.key() + " is also loaded from " + file.label() + "; keep one file per " + step.groupType()));
        rejections.add(earlier.label() + ": " + ref.key() + " is also in " + file.label());
        return true;
    }

    private void reject(SourceFiles.SourceFile file, SourceFiles.Content content, String format, List<Finding> findings) {
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
