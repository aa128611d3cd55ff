package io.relationships.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.relationships.catalog.RunCounts;
import io.relationships.load.InboxLoaded.Outcome;
import io.relationships.support.Privileged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One look at the inbox folders ({@code relationships.load.inbox.folders}), in {@code loadAll}'s order: the files
 * that have settled in a folder are loaded as one run (incremental; sectors classify in full), with trigger SCHEDULE,
 * then moved to the folder's {@code processed/} or, when the run was rejected, {@code rejected/}, named
 * {@code <run id>-<file name>}; what came of it is published as {@link InboxLoaded}. A folder whose load meets another
 * load running is left as it is for the next look (the load lock still decides: one load at a time).
 * <p>
 * Only the folder's own files count (not its sub-folders, hidden files or notes): copy a file in under a hidden name
 * and rename it, or let {@code settle} pass, so that a file still being written is not read.
 */
@Component
class InboxLoads {

    private static final Logger log = LoggerFactory.getLogger(InboxLoads.class);
    private static final int FINDINGS_ANNOUNCED = 10;

    private final LoadProperties properties;
    private final LoadService loads;
    private final LoadRunStore runs;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InboxLoads(LoadProperties properties, LoadService loads, LoadRunStore runs, ApplicationEventPublisher events, Clock clock) {
        this.properties = properties;
        this.loads = loads;
        this.runs = runs;
        this.events = events;
        this.clock = clock;
    }

    /** Looks at every folder once; {@code announceNothing}: a folder without new files is announced too. */
    List<InboxLoaded> look(boolean announceNothing) {
        Map<String, Path> folders = properties.inbox().folderPaths();
        List<InboxLoaded> outcomes = new ArrayList<>();
        loads.folders().forEach((name, kind) -> {
            Path folder = folders.get(name);
            if (folder != null) {
                lookAt(name, kind, folder, announceNothing).ifPresent(outcome -> {
                    outcomes.add(outcome);
                    events.publishEvent(outcome);
                });
            }
        });
        return outcomes;
    }

    private Optional<InboxLoaded> lookAt(String name, RunKind kind, Path folder, boolean announceNothing) {
        List<Path> files = settled(folder);
        if (files.isEmpty()) {
            return announceNothing ? Optional.of(new InboxLoaded(name, folder, Outcome.NOTHING_TO_DO, null, List.of(), null,
                    "no new " + name + " files in " + folder, List.of())) : Optional.empty();
        }
        LoadRequest request = LoadRequest.of(kind, kind == RunKind.SECTORS ? LoadMode.FULL : LoadMode.INCREMENTAL, Trigger.SCHEDULE, "inbox")
                .withFiles(files.stream().map(file -> new LoadRequest.FileSpec(file, null)).toList());
        LoadRunRecord run;
        try {
            run = Privileged.runAs("inbox", () -> loads.run(request));
        } catch (LoadException e) {
            if (e.code() == LoadException.Code.LOAD_RUNNING) {
                log.info("Inbox {}: {} file(s) wait for the next look: {}", name, files.size(), e.getMessage());
                return Optional.empty();
            }
            log.warn("Inbox {}: the load was refused, the files stay in {}: {}", name, folder, e.getMessage());
            return Optional.of(new InboxLoaded(name, folder, Outcome.REJECTED, null, names(files), null,
                    "the load was refused: " + e.getMessage() + "; the files stay in the inbox", List.of()));
        }
        boolean succeeded = run.status() == RunStatus.SUCCEEDED;
        Path target = folder.resolve(succeeded ? "processed" : "rejected");
        move(files, target, run.id());
        List<String> findings = runs.findings(run.id(), 1000).stream().filter(f -> f.severity() != Finding.Severity.INFO)
                .sorted((a, b) -> Boolean.compare(b.isError(), a.isError())).limit(FINDINGS_ANNOUNCED).map(Finding::toString).toList();
        String summary = succeeded ? "run " + run.id() + " loaded " + files.size() + " file(s): " + counts(run.counts())
                : "run " + run.id() + " was rejected, nothing was written: " + run.error();
        log.info("Inbox {}: {}; the files moved to {}", name, summary, target);
        return Optional.of(new InboxLoaded(name, folder, succeeded ? Outcome.SUCCEEDED : Outcome.REJECTED, run.id(), names(files), target,
                summary, findings));
    }

    /** The folder's data files that nobody has changed for {@code settle}, by name. */
    private List<Path> settled(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Instant settledBefore = clock.instant().minus(properties.inbox().settle());
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).filter(file -> isDataFile(file.getFileName().toString()))
                    .filter(file -> modified(file).isBefore(settledBefore) || modified(file).equals(settledBefore)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the inbox " + folder, e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.MAX; // gone or unreadable: not settled
        }
    }

    /** A folder's data file, unless it is still being copied in under a {@code .part} name. */
    private static boolean isDataFile(String name) {
        return SourceFiles.isDataFile(name) && !name.toLowerCase(Locale.ROOT).endsWith(".part");
    }

    private static void move(List<Path> files, Path target, long runId) {
        try {
            Files.createDirectories(target);
            for (Path file : files) {
                Files.move(file, target.resolve(runId + "-" + file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move the inbox's files to " + target + " after run " + runId, e);
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).toList();
    }

    private static String counts(RunCounts counts) {
        return "added " + counts.added() + ", removed " + counts.removed() + ", changed " + counts.changed() + ", unchanged " + counts.unchanged();
    }
}
