package io.relationships.api;

import java.util.List;

import io.relationships.catalog.GroupType;
import io.relationships.graph.DriftCheck;
import io.relationships.graph.DriftReport;
import io.relationships.graph.GraphSyncStatus;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code DriftReport}: PostgreSQL and Neo4j compared group by group, on request ({@code checkDrift}) or the last time. */
@Controller
class DriftController {

    private final DriftCheck drift;

    DriftController(DriftCheck drift) {
        this.drift = drift;
    }

    @MutationMapping
    DriftReport checkDrift(@Argument Boolean repair) {
        return drift.check(Boolean.TRUE.equals(repair));
    }

    @SchemaMapping(typeName = "GraphSyncStatus")
    DriftReport drift(GraphSyncStatus status) {
        return drift.last();
    }

    @SchemaMapping(typeName = "DriftReport")
    List<DriftReport.GroupDrift> groups(DriftReport report) {
        return report.differing();
    }

    @SchemaMapping(typeName = "DriftReport")
    long groupsChecked(DriftReport report) {
        return report.groups();
    }

    @SchemaMapping(typeName = "GroupDrift")
    GroupType groupType(DriftReport.GroupDrift drift) {
        return drift.group().type();
    }

    @SchemaMapping(typeName = "GroupDrift")
    String groupKey(DriftReport.GroupDrift drift) {
        return drift.group().key();
    }
}
