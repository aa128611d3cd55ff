package io.relationships.catalog;

import java.util.List;

/** Published after a run's changes were committed: the graph sync and the cache follow it. */
public record CatalogChanged(long runId, List<GroupRef> groups) {
}
