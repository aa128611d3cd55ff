package io.relationships.cache;

/** An operator refreshed the cache on this instance: the other instances do the same. */
record CacheRefreshed(CacheScope scope, boolean warm) {
}
