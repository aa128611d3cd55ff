package io.relationships.cache;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.relationships.IntegrationTest;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import io.relationships.graph.GraphSync;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * A fund's weights by sector come from the sectors' member lists; they must say what each holding's own entry says
 * its sector is (a holding no sector lists counts as unknown), for every fund of the sample catalog.
 */
@IntegrationTest
class SectorWeightsTest {

    @Autowired
    RelationshipAnalytics analytics;
    @Autowired
    RelationshipCache cache;
    @Autowired
    GraphSync sync;

    @BeforeEach
    void graphInStep() {
        sync.syncNow(false, "test");
    }

    @Test
    void everyFundsSectorWeightsAgreeWithItsHoldingsOwnSectors() {
        List<String> etfs = cache.getAll(GroupType.ETF);
        assertThat(etfs).hasSizeGreaterThan(5);
        for (GroupRow etf : cache.getGroups(GroupType.ETF, etfs).values()) {
            Map<String, StockRow> holdings = cache.getStocks(etf.members().stream().map(Weighted::symbol).toList());
            Map<String, Double> expected = new TreeMap<>();
            for (Weighted holding : etf.members()) {
                StockRow stock = holdings.get(holding.symbol());
                String sector = stock == null || stock.sector() == null ? RelationshipAnalytics.UNKNOWN_SECTOR : stock.sector();
                expected.merge(sector, holding.weight() == null ? 0 : holding.weight(), Double::sum);
            }
            Map<String, Double> actual = new TreeMap<>();
            analytics.sectorWeights(etf).forEach(w -> actual.put(w.symbol(), w.weight()));

            assertThat(actual.keySet()).as(etf.key()).isEqualTo(expected.keySet());
            expected.forEach((sector, weight) -> assertThat(actual.get(sector)).as(etf.key() + " " + sector).isCloseTo(weight, offset(1e-6)));
        }
    }
}
