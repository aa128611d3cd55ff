package io.relationships.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.relationships.IntegrationTest;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads;
import io.relationships.graph.GraphSync;
import io.relationships.graph.GraphSynced;
import io.relationships.support.RestoresSampleData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full rebuild and the service's cache: what the rebuild changed in the graph is read again before the rebuild
 * is visible, what it did not change stays cached (a rebuild of a graph in step costs the pass, not a reload of
 * everything cached).
 */
@IntegrationTest
@RestoresSampleData
class RebuildEvictionTest {

    @Autowired
    GraphSync sync;
    @Autowired
    RelationshipCache cache;
    @Autowired
    Driver neo4j;

    @Autowired
    ConfigurableApplicationContext context;

    /** What the rebuilds of a test told the caches. */
    final List<GraphSynced> told = new CopyOnWriteArrayList<>();
    final ApplicationListener<ApplicationEvent> listener = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof GraphSynced synced) {
            told.add(synced);
        }
    };

    @BeforeEach
    void graphInStepAndNothingCached() {
        sync.syncNow(false, "test");
        sync.syncNow(true, "test"); // whatever an earlier test left drifted
        cache.evictAll();
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    @Test
    void aRebuildOfAGraphInStepReadsNothingAgain() {
        assertThat(cache.getStock("NVDA")).isPresent();
        assertThat(cache.getGroup(GroupType.ETF, "XLK")).isPresent();
        long loads = cache.stats().loadCount();

        sync.syncNow(true, "test");

        assertThat(cache.getStock("NVDA")).isPresent();
        assertThat(cache.getGroup(GroupType.ETF, "XLK")).isPresent();
        assertThat(cache.stats().loadCount()).as("nothing was evicted or reloaded").isEqualTo(loads);
        assertThat(told).singleElement().satisfies(synced -> {
            assertThat(synced.everything()).isFalse();
            assertThat(synced.groups()).isEmpty();
            assertThat(synced.symbols()).isEmpty();
        });
    }

    @Test
    void aRebuildThatRepairsTheGraphReplacesWhatWasCachedOfTheRepairedGroupsAndMembersOnly() {
        // the graph drifts from the catalog (written behind the sync's back), and the cache reads the drifted graph
        write("MATCH (:ETF {symbol: 'WGMI'})-[h:HOLDS]->(:Stock {symbol: 'IREN'}) SET h.weight = 0.5");
        write("MATCH (e:ETF {symbol: 'XLE'}) SET e.name = 'Drifted'");
        cache.evictAll();
        assertThat(weightOf("IREN", "WGMI")).isEqualTo(0.5);
        assertThat(cache.getGroup(GroupType.ETF, "XLE").orElseThrow().name()).isEqualTo("Drifted");
        Double nvdaInXlk = weightOf("NVDA", "XLK");
        long loads = cache.stats().loadCount();

        sync.syncNow(true, "test");

        assertThat(told).singleElement().satisfies(synced -> {
            assertThat(synced.everything()).isFalse();
            assertThat(synced.groups()).containsExactlyInAnyOrder(new GroupRef(GroupType.ETF, "WGMI"), new GroupRef(GroupType.ETF, "XLE"));
            assertThat(synced.symbols()).as("the repaired holding's member and the fund that is also a security")
                    .containsExactlyInAnyOrder("IREN", "XLE");
        });
        long reloaded = cache.stats().loadCount() - loads;
        assertThat(weightOf("IREN", "WGMI")).as("the repaired holding, read again").isNotEqualTo(0.5).isPositive();
        assertThat(cache.getGroup(GroupType.ETF, "XLE").orElseThrow().name()).as("the repaired fund, read again").isNotEqualTo("Drifted");
        long afterReads = cache.stats().loadCount() - loads;
        assertThat(afterReads).as("read again during the rebuild, before it was visible, not by these reads").isEqualTo(reloaded).isPositive();
        assertThat(weightOf("NVDA", "XLK")).isEqualTo(nvdaInXlk);
        assertThat(cache.stats().loadCount() - loads).as("NVDA stayed cached").isEqualTo(reloaded);
    }

    private Double weightOf(String stock, String etf) {
        return cache.getStock(stock).orElseThrow().etfs().stream().filter(w -> w.symbol().equals(etf))
                .map(GraphReads.Weighted::weight).findFirst().orElseThrow();
    }

    private void write(String cypher) {
        try (Session session = neo4j.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(cypher, Map.of()).consume());
        }
    }
}
