package io.relationships.load;

/** Where a run stands. SKIPPED: a step of {@code loadAll} that had nothing to read (no files of its kind). */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, ROLLED_BACK, SKIPPED
}
