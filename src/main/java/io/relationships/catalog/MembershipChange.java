package io.relationships.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One line of the change log: a membership added, removed or changed by a run.
 *
 * @param id   the line's place in the log (lines are numbered in the order runs wrote them)
 * @param at   when the run committed it
 * @param asOf the as-of date of the file behind it (the load's day for a file without one, the rollback's for a
 *             rollback); null where the reader did not ask (a run's diff)
 */
public record MembershipChange(long id, long runId, GroupRef group, String symbol, Kind change, BigDecimal oldWeight,
                               BigDecimal newWeight, OffsetDateTime at, LocalDate asOf) {

    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /** A change of weight (rather than of details such as shares held). */
    public boolean reweighted() {
        return change == Kind.CHANGED && (oldWeight == null ? newWeight != null : newWeight == null || oldWeight.compareTo(newWeight) != 0);
    }
}
