package io.relationships.catalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One line of the change log: a membership added, removed or changed by a run. */
public record MembershipChange(long runId, GroupRef group, String symbol, Kind change, BigDecimal oldWeight,
                               BigDecimal newWeight, OffsetDateTime at) {

    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /** A change of weight (rather than of details such as shares held). */
    public boolean reweighted() {
        return change == Kind.CHANGED && (oldWeight == null ? newWeight != null : newWeight == null || oldWeight.compareTo(newWeight) != 0);
    }
}
