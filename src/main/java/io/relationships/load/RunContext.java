package io.relationships.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.relationships.catalog.GroupType;
import io.relationships.catalog.UpdatePlan;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunStore;

/** What a step needs while it runs: the request, where to put findings and file outcomes, progress. */
public final class RunContext {

    private final long runId;
    private final LoadRequest request;
    private final LoadRunStore runs;
    private final ProgressHub progress;
    private final List<Finding> findings = new ArrayList<>();
    private final List<FileOutcome> files = new ArrayList<>();
    private final AtomicLong rows = new AtomicLong();
    private volatile String phase = "queued";
    private volatile int filesTotal;
    private volatile int filesDone;
    private volatile String currentFile;
    private volatile Map<String, Object> report;

    RunContext(long runId, LoadRequest request, LoadRunStore runs, ProgressHub progress) {
        this.runId = runId;
        this.request = request;
        this.runs = runs;
        this.progress = progress;
    }

    public long runId() {
        return runId;
    }

    public LoadRequest request() {
        return request;
    }

    public LoadMode mode() {
        return request.mode();
    }

    /** The plan for the catalog writer: a dry run diffs only; a full run of a whole folder replaces its group types. */
    public UpdatePlan plan(Set<GroupType> typesReplacedWhenFull) {
        boolean wholeFolder = request.files().isEmpty() && request.symbols().isEmpty();
        boolean replaces = request.mode() != LoadMode.INCREMENTAL && wholeFolder;
        return new UpdatePlan(runId, replaces ? typesReplacedWhenFull : Set.of(), request.mode() != LoadMode.DRY_RUN);
    }

    public void phase(String newPhase) {
        phase = newPhase;
        runs.phase(runId, newPhase);
        publish(null);
    }

    public void filesTotal(int total) {
        filesTotal = total;
        publish(null);
    }

    public void fileStarted(String file) {
        currentFile = file;
        publish(null);
    }

    public void fileDone(long rowsRead) {
        filesDone++;
        rows.addAndGet(rowsRead);
        publish(null);
    }

    public void add(Finding finding) {
        findings.add(finding);
    }

    public void addAll(List<Finding> more) {
        findings.addAll(more);
    }

    public void add(FileOutcome file) {
        files.add(file);
    }

    /** What the run has to say beyond counts; stored on the run (LoadRun.report). */
    public void report(Map<String, Object> newReport) {
        report = newReport;
    }

    Map<String, Object> report() {
        return report;
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<FileOutcome> files() {
        return files;
    }

    void publish(String message) {
        progress.publish(new LoadProgress(runId, phase, filesTotal, filesDone, rows.get(), currentFile, false, message, null));
    }

    /** The run's last event: failed, or done when there is nothing to wait for. */
    void finish(String finalPhase, String message) {
        phase = finalPhase;
        progress.publish(new LoadProgress(runId, finalPhase, filesTotal, filesDone, rows.get(), currentFile, true, message, null));
    }

    /** Committed: announced as done, with the run's last event (visible) still to come. */
    LoadProgress committed(String message) {
        phase = "done";
        LoadProgress done = new LoadProgress(runId, "done", filesTotal, filesDone, rows.get(), currentFile, false, message, null);
        progress.publish(done);
        return done;
    }
}
