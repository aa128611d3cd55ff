package io.relationships.cache;

/** Published whenever entries leave the relationship cache because data changed or an operator refreshed it. */
public record RelationshipCacheEvicted(boolean everything) {
}
