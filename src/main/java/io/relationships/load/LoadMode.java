package io.relationships.load;

public enum LoadMode {
    /** replace the groups of the run's kind with what the files say; groups without a file are removed */
    FULL,
    /** only files whose checksum changed since their last successful load; nothing is removed */
    INCREMENTAL,
    /** everything a full run does, including validation and the complete diff, but nothing is written */
    DRY_RUN
}
