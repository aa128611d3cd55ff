package io.relationships.quality;

import java.util.List;

/**
 * One check of the catalog, in the manner of dbt, Soda or Great Expectations.
 *
 * @param category   completeness, validity, uniqueness, integrity, freshness, volume or reconciliation
 * @param value      the measured figure (a share 0–1, or a count)
 * @param threshold  what PASS means, in words
 * @param sample     a few of the rows that fail (symbols, group keys)
 */
public record QualityCheck(String name, String category, Status status, double value, String threshold, List<String> sample,
                           String message) {

    public enum Status {
        PASS, WARN, FAIL;

        Status worse(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }
}
