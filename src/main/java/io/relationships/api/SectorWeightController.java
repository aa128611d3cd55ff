package io.relationships.api;

import java.util.List;
import java.util.Map;

import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads.GroupRow;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** {@code SectorWeight}: the sector a weight is of (an ETF's or a portfolio's), a batch of weights at a time. */
@Controller
class SectorWeightController {

    private final RelationshipLookups lookups;

    SectorWeightController(RelationshipLookups lookups) {
        this.lookups = lookups;
    }

    @BatchMapping(typeName = "SectorWeight", field = "sector")
    Map<SectorWeight, GroupRow> sector(List<SectorWeight> weights) {
        return lookups.group(weights, GroupType.SECTOR, SectorWeight::key);
    }
}
