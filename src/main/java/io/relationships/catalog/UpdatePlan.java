package io.relationships.catalog;

import java.util.Set;

/**
 * How a run's staged groups are applied.
 *
 * @param runId            the load run the changes are recorded under
 * @param replaceUnstaged  group types whose groups are removed when the run stages no file for them (full mode)
 * @param apply            false for a dry run: the diff is recorded, the catalog is not touched
 */
public record UpdatePlan(long runId, Set<GroupType> replaceUnstaged, boolean apply) {
}
