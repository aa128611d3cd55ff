package io.relationships.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.relationships.catalog.CatalogMetrics;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogStats;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import io.relationships.quality.RelationshipBreakdown.EtfHoldings;
import io.relationships.quality.RelationshipBreakdown.Holding;
import io.relationships.quality.RelationshipBreakdown.Relationships;
import io.relationships.quality.RelationshipBreakdown.SectorCount;
import io.relationships.quality.RelationshipBreakdown.SectorDistribution;
import io.relationships.quality.RelationshipBreakdown.SectorMembers;
import io.relationships.quality.RelationshipBreakdown.Summary;
import io.relationships.quality.RelationshipBreakdown.TrendPoint;
import org.springframework.stereotype.Component;

/**
 * Gathers the figures of the relationship breakdown report from the quality checks, their history and the catalog.
 * Lists come sorted (largest first, ties by name) so that the same catalog always makes the same report.
 */
@Component
class BreakdownFigures {

    /** How many quality snapshots the trend shows. */
    private static final int TREND_SNAPSHOTS = 30;
    private static final int TOP_HOLDINGS = 10;
    private static final Comparator<SectorCount> LARGEST_FIRST =
            Comparator.comparingLong(SectorCount::members).reversed().thenComparing(SectorCount::name);

    private final QualityService quality;
    private final QualityMonitor monitor;
    private final CatalogMetrics metrics;
    private final CatalogQueries catalog;

    BreakdownFigures(QualityService quality, QualityMonitor monitor, CatalogMetrics metrics, CatalogQueries catalog) {
        this.quality = quality;
        this.monitor = monitor;
        this.metrics = metrics;
        this.catalog = catalog;
    }

    RelationshipBreakdown collect(OffsetDateTime now, boolean detail) {
        DataQuality data = quality.current();
        return new RelationshipBreakdown(now, data.generatedAt(), summary(data.totals()), distribution(data), data.status(),
                data.checks(), trend(), detail ? etfs() : null, detail ? sectors() : null);
    }

    private Summary summary(CatalogStats totals) {
        long all = totals.memberships().values().stream().mapToLong(Long::longValue).sum();
        Relationships relationships = new Relationships(all, totals.memberships(GroupType.ETF), totals.memberships(GroupType.SECTOR),
                totals.memberships(GroupType.INDUSTRY), totals.memberships(GroupType.THEME), totals.memberships(GroupType.UNIVERSE));
        return new Summary(totals.groups(GroupType.ETF), metrics.heldOrListed(), totals.groups(GroupType.SECTOR),
                totals.groups(GroupType.INDUSTRY), totals.groups(GroupType.THEME), totals.groups(GroupType.UNIVERSE), relationships);
    }

    private SectorDistribution distribution(DataQuality data) {
        CatalogMetrics.Coverage coverage = data.coverage();
        return new SectorDistribution(coverage.total(), coverage.unknown(), data.unknownShare(), quality.targetUnknownShare(),
                sorted(coverage.bySector()), sorted(coverage.bySource()));
    }

    private static List<SectorCount> sorted(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new SectorCount(e.getKey(), e.getValue())).sorted(LARGEST_FIRST).toList();
    }

    private List<TrendPoint> trend() {
        List<TrendPoint> trend = new ArrayList<>();
        for (QualitySnapshot snapshot : monitor.history(null, TREND_SNAPSHOTS)) {
            trend.add(0, new TrendPoint(snapshot.takenAt(), figure(snapshot, "unknownShare"), figure(snapshot, "integrity")));
        }
        return trend;
    }

    private static Double figure(QualitySnapshot snapshot, String name) {
        double value = snapshot.number(name);
        return Double.isNaN(value) ? null : value;
    }

    private List<EtfHoldings> etfs() {
        Map<String, List<Map.Entry<String, BigDecimal>>> top = metrics.topHoldings(TOP_HOLDINGS);
        return metrics.etfSummaries().stream().map(etf -> new EtfHoldings(etf.key(), etf.name(), etf.holdings(),
                top.getOrDefault(etf.key(), List.of()).stream().map(h -> new Holding(h.getKey(), h.getValue())).toList())).toList();
    }

    private List<SectorMembers> sectors() {
        return catalog.groupKeys(GroupType.SECTOR).stream()
                .map(key -> new SectorMembers(key, List.copyOf(catalog.members(new GroupRef(GroupType.SECTOR, key)).keySet()))).toList();
    }
}
