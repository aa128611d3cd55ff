package io.relationships.quality;

import java.time.OffsetDateTime;
import java.util.List;

import io.relationships.catalog.CatalogMetrics;
import io.relationships.catalog.CatalogStats;
import io.relationships.graph.DriftReport;

/**
 * Whether the relationship data can be trusted, at one moment.
 *
 * @param coverage    sector coverage of the universe members (all universes)
 * @param drift       the PostgreSQL/Neo4j comparison this evaluation used (null if none has run)
 */
public record DataQuality(OffsetDateTime generatedAt, CatalogStats totals, CatalogMetrics.Coverage coverage, DriftReport drift,
                          List<QualityCheck> checks) {

    public QualityCheck.Status status() {
        return checks.stream().map(QualityCheck::status).reduce(QualityCheck.Status.PASS, QualityCheck.Status::worse);
    }

    public double unknownShare() {
        return coverage.total() == 0 ? 0 : (double) coverage.unknown() / coverage.total();
    }

    public double integrity() {
        return drift == null ? 1.0 : drift.integrity();
    }
}
