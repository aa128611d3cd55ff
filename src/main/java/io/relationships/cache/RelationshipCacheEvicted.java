package io.relationships.cache;

import java.util.Set;

/**
 * Published whenever entries leave the relationship cache because data changed or an operator refreshed it.
 *
 * @param everything every entry left (or a whole kind of them: an operator's refresh)
 * @param keys       otherwise, the keys that left ({@code stock:AAPL}, {@code etf:SPY}, {@code list:etf}) — the
 *                   {@link ReadTags} of the answers built from them
 */
public record RelationshipCacheEvicted(boolean everything, Set<String> keys) {

    public RelationshipCacheEvicted {
        keys = Set.copyOf(keys);
    }

    static RelationshipCacheEvicted all() {
        return new RelationshipCacheEvicted(true, Set.of());
    }

    static RelationshipCacheEvicted of(Set<String> keys) {
        return new RelationshipCacheEvicted(false, keys);
    }
}
