package io.relationships.api;

import java.util.List;
import java.util.Map;

import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** {@code Holding}: the two ends of an ETF–stock edge (now or past), a batch of edges at a time. */
@Controller
class HoldingController {

    private final RelationshipLookups lookups;

    HoldingController(RelationshipLookups lookups) {
        this.lookups = lookups;
    }

    @BatchMapping(typeName = "Holding", field = "etf")
    Map<Holding, GroupRow> etf(List<Holding> holdings) {
        return lookups.etfOrPast(holdings, Holding::etf);
    }

    @BatchMapping(typeName = "Holding", field = "stock")
    Map<Holding, StockRow> stock(List<Holding> holdings) {
        return lookups.stockOrPast(holdings, Holding::stock);
    }
}
