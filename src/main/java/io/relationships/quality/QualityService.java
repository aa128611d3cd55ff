package io.relationships.quality;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import io.relationships.catalog.CatalogMetrics;
import io.relationships.catalog.CatalogMetrics.Sampled;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.UnclassifiedSecurities;
import io.relationships.graph.DriftCheck;
import io.relationships.graph.DriftReport;
import io.relationships.quality.QualityCheck.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Evaluates the quality checks on the catalog (and, for reconciliation, on the graph): a status, the figure, the
 * threshold and a sample of failing rows for each. Thresholds are configuration ({@link QualityProperties}).
 */
@Service
public class QualityService {

    private static final Logger log = LoggerFactory.getLogger(QualityService.class);

    private final CatalogMetrics metrics;
    private final CatalogQueries catalog;
    private final DriftCheck drift;
    private final QualityProperties properties;
    private final UnclassifiedSecurities unclassified;

    QualityService(CatalogMetrics metrics, CatalogQueries catalog, DriftCheck drift, QualityProperties properties,
                   UnclassifiedSecurities unclassified) {
        this.unclassified = unclassified;
        this.metrics = metrics;
        this.catalog = catalog;
        this.drift = drift;
        this.properties = properties;
    }

    /** An evaluation and what the catalog's change marker and the drift comparison were when it began. */
    private record Evaluation(String marker, OffsetDateTime at, DataQuality data) {
    }

    private final AtomicReference<Evaluation> latest = new AtomicReference<>();

    /**
     * The checks as of the last change: the latest evaluation while nothing has changed since it began (no load,
     * rollback or drift check) and it is younger than {@code reuse-for}, a new one otherwise. What clients and
     * reports read; the service evaluates in the background after every load and sync, so this is usually free.
     */
    public DataQuality current() {
        Evaluation last = latest.get();
        if (last != null && last.marker().equals(metrics.changeMarker())
                && last.at().isAfter(OffsetDateTime.now(ZoneOffset.UTC).minus(properties.reuseFor()))) {
            DriftReport newest = drift.last();
            return newest == last.data().drift() ? last.data() : withDrift(last.data(), newest);
        }
        return evaluate(false);
    }

    /** A drift check since the evaluation changes only the reconciliation check: no need to run the others again. */
    private DataQuality withDrift(DataQuality data, DriftReport newest) {
        List<QualityCheck> checks = data.checks().stream()
                .map(check -> check.category().equals("reconciliation") ? reconciliation(newest) : check).toList();
        return new DataQuality(data.generatedAt(), data.totals(), data.coverage(), newest, checks);
    }

    /** The checks now, reusing the last drift comparison (run one with {@code compareGraph}). */
    public DataQuality evaluate() {
        return evaluate(false);
    }

    public DataQuality evaluate(boolean compareGraph) {
        DriftReport driftReport = compareGraph ? drift.check() : drift.last();
        String marker = metrics.changeMarker(); // before the queries: a change while they run makes this evaluation stale at once
        long started = System.nanoTime();
        CatalogMetrics.Coverage coverage = metrics.sectorCoverage(null);
        List<QualityCheck> checks = new ArrayList<>();
        checks.add(sectorCoverage(coverage));
        checks.addAll(completeness());
        checks.addAll(validity());
        checks.addAll(uniqueness());
        checks.addAll(integrity());
        checks.add(freshness());
        checks.add(volume());
        checks.add(reconciliation(driftReport));
        DataQuality data = new DataQuality(OffsetDateTime.now(ZoneOffset.UTC), catalog.stats(), coverage, driftReport, checks);
        latest.set(new Evaluation(marker, data.generatedAt(), data));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > 1000) {
            log.info("Quality checks evaluated in {} ms ({} memberships)", millis, data.totals().memberships().values().stream().mapToLong(Number::longValue).sum());
        }
        return data;
    }

    public double targetUnknownShare() {
        return properties.unknownSectorTarget();
    }

    public CatalogMetrics.Coverage coverage(String universe) {
        return metrics.sectorCoverage(universe);
    }

    // ------------------------------------------------------------------------------------------------------------

    private QualityCheck sectorCoverage(CatalogMetrics.Coverage coverage) {
        double share = coverage.total() == 0 ? 0 : (double) coverage.unknown() / coverage.total();
        Status status = share > properties.unknownSectorFail() ? Status.FAIL : share > properties.unknownSectorTarget() ? Status.WARN : Status.PASS;
        return new QualityCheck("sector_coverage", "completeness", status, share,
                "unknown share ≤ " + percent(properties.unknownSectorTarget()) + " (fails above " + percent(properties.unknownSectorFail()) + ")",
                coverage.unknown() == 0 ? List.of() : unclassifiedSample(), coverage.unknown() + " of " + coverage.total() + " universe members have no sector");
    }

    /** The heaviest of the securities the check counts, so that the sample says which to classify first. */
    private List<String> unclassifiedSample() {
        UnclassifiedSecurities.Scope scope = catalog.groupKeys(GroupType.UNIVERSE).isEmpty()
                ? UnclassifiedSecurities.Scope.CLASSIFIABLE : UnclassifiedSecurities.Scope.UNIVERSE_MEMBERS;
        return unclassified.heaviest(scope, 10).securities().stream().map(security -> security.symbol()
                + (security.name() == null ? "" : " " + security.name())
                + (security.heldBy().isEmpty() ? "" : " (" + security.totalWeight().setScale(2, RoundingMode.HALF_UP).toPlainString() + "% in "
                + String.join(", ", security.heldBy().stream().limit(3).map(UnclassifiedSecurities.EtfWeight::etf).toList())
                + (security.heldBy().size() > 3 ? ", …" : "") + ")")).toList();
    }

    private List<QualityCheck> completeness() {
        long stocks = metrics.heldOrListed();
        Sampled noIndustry = metrics.withoutMembershipOf(GroupType.INDUSTRY);
        double industryShare = stocks == 0 ? 1 : 1 - (double) noIndustry.count() / stocks;
        Sampled noTheme = metrics.withoutMembershipOf(GroupType.THEME);
        double themeShare = stocks == 0 ? 1 : 1 - (double) noTheme.count() / stocks;
        Sampled noName = metrics.securitiesWithoutName();
        return List.of(
                new QualityCheck("industry_coverage", "completeness", industryShare < properties.industryCoverageWarn() ? Status.WARN : Status.PASS,
                        industryShare, "≥ " + percent(properties.industryCoverageWarn()) + " of held or listed stocks have an industry",
                        noIndustry.sample(), noIndustry.count() + " of " + stocks + " have none"),
                new QualityCheck("theme_coverage", "completeness", Status.PASS, themeShare, "informational: themes are curated, not complete",
                        List.of(), (stocks - noTheme.count()) + " of " + stocks + " held or listed stocks belong to a theme"),
                new QualityCheck("securities_without_name", "completeness", noName.count() == 0 ? Status.PASS : Status.WARN, noName.count(),
                        "0", noName.sample(), noName.count() + " securities have no name"));
    }

    private List<QualityCheck> validity() {
        Sampled types = metrics.groupsOfUnknownType();
        Sampled bounds = metrics.weightsOutOfBounds();
        var sums = metrics.etfWeightSumsOutside(properties.weightSumTolerance());
        long etfs = Math.max(1, metrics.etfCount());
        Status sumStatus = sums.isEmpty() ? Status.PASS : (double) sums.size() / etfs > 0.25 ? Status.FAIL : Status.WARN;
        return List.of(
                new QualityCheck("group_types_allowed", "validity", types.count() == 0 ? Status.PASS : Status.FAIL, types.count(),
                        "0 groups outside ETF, SECTOR, INDUSTRY, THEME, UNIVERSE", types.sample(), types.count() + " groups of another type"),
                new QualityCheck("weights_in_bounds", "validity", bounds.count() == 0 ? Status.PASS : Status.FAIL, bounds.count(),
                        "0 weights outside 0–100%", bounds.sample(), bounds.count() + " weights out of bounds"),
                new QualityCheck("etf_weight_sums", "validity", sumStatus, sums.size(),
                        "0 complete ETFs off 100% by more than " + properties.weightSumTolerance().toPlainString() + " points (fails above 25% of ETFs)",
                        sums.stream().limit(10).map(s -> s.etf() + " " + s.sum().setScale(2, RoundingMode.HALF_UP).toPlainString() + "%").toList(),
                        sums.size() + " of " + etfs + " ETFs"));
    }

    private List<QualityCheck> uniqueness() {
        Sampled duplicates = metrics.duplicateMemberships();
        Sampled symbols = metrics.nonCanonicalSymbols();
        return List.of(
                new QualityCheck("one_membership_per_group_and_symbol", "uniqueness", duplicates.count() == 0 ? Status.PASS : Status.FAIL,
                        duplicates.count(), "0", duplicates.sample(), duplicates.count() + " duplicated memberships"),
                new QualityCheck("one_canonical_symbol_per_security", "uniqueness", symbols.count() == 0 ? Status.PASS : Status.WARN,
                        symbols.count(), "0 securities that differ from another only in punctuation", symbols.sample(),
                        symbols.count() + " securities"));
    }

    private List<QualityCheck> integrity() {
        Sampled orphans = metrics.orphanMemberships();
        Sampled empty = metrics.emptyGroups();
        return List.of(
                new QualityCheck("memberships_of_known_securities", "integrity", orphans.count() == 0 ? Status.PASS : Status.FAIL,
                        orphans.count(), "0 memberships whose symbol the securities table does not know", orphans.sample(),
                        orphans.count() + " orphan memberships"),
                new QualityCheck("groups_with_members", "integrity", empty.count() == 0 ? Status.PASS : Status.WARN, empty.count(),
                        "0 groups without members (an empty ETF)", empty.sample(), empty.count() + " empty groups"));
    }

    private QualityCheck freshness() {
        LocalDate limit = LocalDate.now(ZoneOffset.UTC).minusDays(properties.staleAfter().toDays());
        List<String> stale = new ArrayList<>();
        for (var etf : metrics.etfFreshness()) {
            if (etf.asOf() != null && etf.asOf().isBefore(limit)) {
                stale.add(etf.key() + " as of " + etf.asOf());
            }
        }
        OffsetDateTime lastLoad = metrics.lastSuccessfulLoad();
        return new QualityCheck("etf_freshness", "freshness", stale.isEmpty() ? Status.PASS : Status.WARN, stale.size(),
                "0 ETFs whose as-of date is older than " + properties.staleAfter().toDays() + " days",
                stale.stream().limit(10).toList(), stale.size() + " stale ETFs; last load " + (lastLoad == null ? "never" : lastLoad));
    }

    private QualityCheck volume() {
        List<String> drops = new ArrayList<>();
        Status status = Status.PASS;
        for (var change : metrics.lastVolumeChanges()) {
            if (change.before() == 0) {
                continue;
            }
            double lost = 1 - (double) change.after() / change.before();
            if (lost >= properties.volumeDropWarn()) {
                status = status.worse(lost >= properties.volumeDropFail() ? Status.FAIL : Status.WARN);
                drops.add(change.group() + " " + change.before() + " → " + change.after() + " (−" + Math.round(lost * 100) + "%, run " + change.runId() + ")");
            }
        }
        return new QualityCheck("member_count_drops", "volume", status, drops.size(),
                "no ETF or universe lost ≥ " + percent(properties.volumeDropWarn()) + " of its members in its last load (fails at "
                        + percent(properties.volumeDropFail()) + ")", drops.stream().limit(10).toList(), drops.size() + " groups shrank sharply");
    }

    private QualityCheck reconciliation(DriftReport report) {
        if (report == null) {
            return new QualityCheck("graph_drift", "reconciliation", Status.WARN, 0, "integrity 100%: every group agrees in PostgreSQL and Neo4j",
                    List.of(), "not compared yet (checkDrift, or the scheduled validation, compares)");
        }
        return new QualityCheck("graph_drift", "reconciliation", report.differing().isEmpty() ? Status.PASS : Status.FAIL, report.integrity(),
                "integrity 100%: every group agrees in PostgreSQL and Neo4j",
                report.differing().stream().limit(10).map(d -> d.group() + " (" + d.reason() + ")").toList(),
                report.differing().size() + " of " + report.groups() + " groups differ (checked " + report.checkedAt() + ")");
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
