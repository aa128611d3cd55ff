package io.relationships.api;

import io.relationships.catalog.UnclassifiedSecurities.Worklist;
import io.relationships.sector.SectorWorklist;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The data steward's worklist of unclassified securities and its template ({@link SectorWorklist} decides). */
@Controller
class SectorWorklistController {

    private final SectorWorklist worklist;

    SectorWorklistController(SectorWorklist worklist) {
        this.worklist = worklist;
    }

    @QueryMapping
    Worklist sectorWorklist(@Argument Integer first) {
        return worklist.heaviest(Arguments.first("first", first, 100, 5000));
    }

    @SchemaMapping(typeName = "SectorWorklist")
    long totalCount(Worklist list) {
        return list.total();
    }

    /** Asked for only when selected: the template lists every unclassified security, not only the first. */
    @SchemaMapping(typeName = "SectorWorklist")
    String template(Worklist list) {
        return worklist.template();
    }
}
