package io.relationships.catalog;

import java.time.OffsetDateTime;

/** An entry of the graph sync's outbox: a group that a committed run changed. */
public record CatalogEvent(long id, long runId, GroupRef group, OffsetDateTime createdAt) {
}
