package io.relationships.catalog;

import java.util.List;

/**
 * The outcome of applying (or, for a dry run, only diffing) a run's staged groups.
 *
 * @param validation the relationship validation run after the change (empty groups, unreferenced securities)
 */
public record UpdateResult(RunCounts counts, int groupsCreated, int groupsUpdated, int groupsDeleted,
                           List<GroupRef> changedGroups, PostRunValidation validation) {
}
