package io.relationships.cache;

/**
 * The cache's counters since start-up.
 *
 * @param estimatedSizeBytes the weigher's estimate of what the entries occupy
 */
public record CacheStatistics(long hitCount, long missCount, double hitRate, long evictionCount, long loadCount,
                              long loadTimeMillis, long entries, long estimatedSizeBytes, long maxSizeBytes) {
}
