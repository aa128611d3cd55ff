package io.relationships.load;

import java.nio.file.Path;
import java.util.List;

/**
 * What one look at an inbox folder came to, for whoever announces it (the quality alerts' webhook and mail).
 *
 * @param folder   the kind's folder name ({@code holdings}, {@code sectors}, …)
 * @param inbox    the inbox folder
 * @param runId    the run that loaded the files; null when there was nothing to do
 * @param files    the files the run read, by name
 * @param movedTo  where they went ({@code processed/} or {@code rejected/}); null when nothing moved
 * @param summary  one line: the run's counts, or why it was rejected
 * @param findings the run's errors and warnings, {@code file:line:column: message}, the first few
 */
public record InboxLoaded(String folder, Path inbox, Outcome outcome, Long runId, List<String> files, Path movedTo,
                          String summary, List<String> findings) {

    public enum Outcome {
        /** the files loaded (possibly changing nothing) */
        SUCCEEDED,
        /** a gate rejected a file: nothing was written */
        REJECTED,
        /** no file had arrived */
        NOTHING_TO_DO
    }

    public InboxLoaded {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }
}
