package io.relationships.api;

import java.time.OffsetDateTime;
import java.util.List;

import io.relationships.catalog.CatalogMetrics;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.GroupType;
import io.relationships.load.Finding;
import io.relationships.quality.DataQuality;
import io.relationships.quality.QualityMonitor;
import io.relationships.quality.QualityService;
import io.relationships.quality.QualitySnapshot;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code DataQuality}, {@code SectorCoverage} and {@code QualitySnapshot}: the quality checks now and their history. */
@Controller
class QualityController {

    record SourceCount(String source, long count) {
    }

    record SectorCount(String sector, long count) {
    }

    record Integrity(int driftGroups, long groupsChecked, double integrity, OffsetDateTime checkedAt) {
    }

    private static final Keyset<QualitySnapshot> HISTORY = Keyset.byId("qualityHistory", QualitySnapshot::id, true);

    private final QualityService quality;
    private final QualityMonitor monitor;
    private final ApiProperties properties;
    private final CatalogQueries catalog;

    QualityController(QualityService quality, QualityMonitor monitor, ApiProperties properties, CatalogQueries catalog) {
        this.quality = quality;
        this.monitor = monitor;
        this.properties = properties;
        this.catalog = catalog;
    }

    @QueryMapping
    DataQuality dataQuality() {
        return quality.current();
    }

    @MutationMapping
    DataQuality validateQuality() {
        monitor.snapshot("validateQuality");
        return quality.current();
    }

    @SchemaMapping(typeName = "DataQuality")
    String status(DataQuality quality) {
        return quality.status().name();
    }

    /** Of one universe, which must exist: the coverage of nothing would look perfect. */
    @SchemaMapping(typeName = "DataQuality")
    CatalogMetrics.Coverage sectorCoverage(DataQuality data, @Argument String universe) {
        if (universe == null) {
            return data.coverage();
        }
        String key = Arguments.groupKey(universe);
        catalog.group(GroupType.UNIVERSE, key).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "No universe '" + Finding.excerpt(universe) + "' in the catalog; `universes { key }` lists them"));
        return quality.coverage(key);
    }

    @SchemaMapping(typeName = "SectorCoverage")
    double unknownShare(CatalogMetrics.Coverage coverage) {
        return coverage.total() == 0 ? 0 : (double) coverage.unknown() / coverage.total();
    }

    @SchemaMapping(typeName = "SectorCoverage")
    double target(CatalogMetrics.Coverage coverage) {
        return quality.targetUnknownShare();
    }

    @SchemaMapping(typeName = "SectorCoverage")
    List<SourceCount> bySource(CatalogMetrics.Coverage coverage) {
        return coverage.bySource().entrySet().stream().map(e -> new SourceCount(e.getKey(), e.getValue())).toList();
    }

    @SchemaMapping(typeName = "SectorCoverage")
    List<SectorCount> bySector(CatalogMetrics.Coverage coverage) {
        return coverage.bySector().entrySet().stream().map(e -> new SectorCount(e.getKey(), e.getValue())).toList();
    }

    @SchemaMapping(typeName = "DataQuality")
    Integrity integrity(DataQuality data) {
        return data.drift() == null ? new Integrity(0, 0, data.integrity(), null)
                : new Integrity(data.drift().differing().size(), data.drift().groups(), data.integrity(), data.drift().checkedAt());
    }

    @QueryMapping
    Connections.Connection<QualitySnapshot> qualityHistory(@Argument OffsetDateTime since, @Argument Integer first, @Argument String after,
                                                           @Argument Integer last, @Argument String before) {
        return Connections.slice(window -> monitor.history(since, window), HISTORY, Paging.of(first, after, last, before, properties),
                monitor.historySize(since));
    }

    @SchemaMapping(typeName = "QualitySnapshot")
    Double unknownShare(QualitySnapshot snapshot) {
        double value = snapshot.number("unknownShare");
        return Double.isNaN(value) ? null : value;
    }

    @SchemaMapping(typeName = "QualitySnapshot")
    Double integrity(QualitySnapshot snapshot) {
        double value = snapshot.number("integrity");
        return Double.isNaN(value) ? null : value;
    }
}
