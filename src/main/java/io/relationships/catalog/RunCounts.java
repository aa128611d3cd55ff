package io.relationships.catalog;

/** Memberships added, removed, changed (weight or details) and left as they were by a run. */
public record RunCounts(long added, long removed, long changed, long unchanged) {

    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0);

    public RunCounts plus(RunCounts other) {
        return new RunCounts(added + other.added, removed + other.removed, changed + other.changed, unchanged + other.unchanged);
    }
}
