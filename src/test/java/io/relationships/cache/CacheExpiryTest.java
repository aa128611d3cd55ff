package io.relationships.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.relationships.IntegrationTest;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads;
import io.relationships.graph.GraphSync;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache's backstop and its warming, on the real graph: an entry is read from Neo4j again once its TTL has passed
 * (measured by a test's ticker), and a warmed cache answers every group and stock without asking Neo4j.
 */
@IntegrationTest
class CacheExpiryTest {

    @Autowired
    GraphReads graph;
    @Autowired
    GraphSync sync;

    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;
    RelationshipCache cache;

    @BeforeEach
    void aCacheOfItsOwn() {
        sync.syncNow(false, "test");
        CacheProperties properties = new CacheProperties(Duration.ofHours(1), DataSize.ofMegabytes(64), false, 2000, false,
                Duration.ofSeconds(5), Duration.ofSeconds(20));
        // events go nowhere: this cache is no instance of the service, and tells no one
        cache = new RelationshipCache(graph, properties, new SimpleMeterRegistry(), event -> { }, ticker);
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void anEntryIsReadAgainOnceItsTtlHasPassedAndNotBefore() {
        assertThat(cache.getStock("AAPL")).isPresent();
        long loadedFromNeo4j = cache.stats().missCount();
        assertThat(loadedFromNeo4j).isPositive();

        advance(Duration.ofMinutes(59));
        assertThat(cache.getStock("AAPL")).isPresent();
        assertThat(cache.stats().hitCount()).as("within the hour: from memory").isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(loadedFromNeo4j);

        advance(Duration.ofMinutes(2));
        assertThat(cache.getStock("AAPL")).isPresent();
        assertThat(cache.stats().missCount()).as("an hour after it was loaded: from Neo4j again").isGreaterThan(loadedFromNeo4j);
        assertThat(cache.stats().hitCount()).isEqualTo(1);
    }

    @Test
    void aWarmedCacheAnswersEveryGroupAndStockFromMemory() {
        int warmed = cache.warm();

        long misses = cache.stats().missCount();
        assertThat(warmed).as("groups and stocks loaded").isGreaterThan(100);
        assertThat(cache.stats().entries()).isGreaterThanOrEqualTo(warmed);
        for (String etf : cache.getAll(GroupType.ETF)) {
            assertThat(cache.getEtfHoldings(etf)).as(etf).isPresent();
        }
        assertThat(cache.getStock("AAPL")).isPresent();
        assertThat(cache.getGroup(GroupType.SECTOR, "information_technology")).isPresent();
        assertThat(cache.stats().missCount()).as("nothing asked of Neo4j after warming").isEqualTo(misses);

        CacheStatistics refreshed = cache.refresh(CacheScope.ALL, true);
        assertThat(refreshed.entries()).as("evicted, then warmed again").isGreaterThanOrEqualTo(warmed);
    }
}
