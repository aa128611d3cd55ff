package io.relationships.load;

import io.relationships.catalog.GroupType;

/**
 * What became of one file in a run.
 *
 * @param status LOADED (its rows are in the run's diff), UNCHANGED (same checksum as its last load: skipped),
 *               REJECTED (a validation gate failed), SKIPPED (not asked for, e.g. another ETF)
 */
public record FileOutcome(String path, String format, Status status, String checksum, Long bytes, GroupType groupType,
                          String groupKey, int rows, String message) {

    public enum Status {
        LOADED, UNCHANGED, REJECTED, SKIPPED
    }
}
