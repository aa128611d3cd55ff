package io.relationships.graph;

import java.util.List;

import io.relationships.catalog.GroupRef;

/** Published after groups were written to Neo4j: the cache evicts exactly these. */
public record GraphSynced(List<GroupRef> groups) {
}
