package io.relationships.api;

import io.relationships.cache.CacheScope;
import io.relationships.cache.CacheStatistics;
import io.relationships.cache.RelationshipCache;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code CacheStats}: the relationship cache's figures, and refreshing it. */
@Controller
class CacheController {

    private final RelationshipCache cache;

    CacheController(RelationshipCache cache) {
        this.cache = cache;
    }

    @QueryMapping
    CacheStatistics cacheStats() {
        return cache.stats();
    }

    @MutationMapping
    CacheStatistics refreshCache(@Argument CacheScope scope, @Argument Boolean warm) {
        return cache.refresh(scope == null ? CacheScope.ALL : scope, Boolean.TRUE.equals(warm));
    }
}
