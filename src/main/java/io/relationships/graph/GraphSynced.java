package io.relationships.graph;

import java.util.List;
import java.util.Set;

import io.relationships.catalog.GroupRef;

/**
 * Published after groups were written to Neo4j, with the symbols whose memberships may have changed (members
 * before and after): the cache evicts exactly these. {@code everything} after a full rebuild. {@code upTo}: the
 * graph now reflects the catalog up to this outbox entry; {@code bookmarks}: Neo4j's bookmarks of those writes, for
 * the other instances' reads to wait for.
 */
public record GraphSynced(List<GroupRef> groups, Set<String> symbols, boolean everything, long upTo, Set<String> bookmarks) {
}
