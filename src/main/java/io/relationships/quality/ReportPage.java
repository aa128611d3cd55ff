package io.relationships.quality;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.relationships.quality.RelationshipBreakdown.EtfHoldings;
import io.relationships.quality.RelationshipBreakdown.Relationships;
import io.relationships.quality.RelationshipBreakdown.SectorCount;
import io.relationships.quality.RelationshipBreakdown.SectorDistribution;
import io.relationships.quality.RelationshipBreakdown.Summary;
import io.relationships.quality.RelationshipBreakdown.TrendPoint;

/**
 * The report as its readable renderings show it: each figure worded and formatted once for the Markdown and HTML
 * templates and the console text alike, and the geometry of the HTML page's charts. Nothing here is escaped: names
 * come as the files brought them, and each rendering escapes them for its own format.
 *
 * @param sectorChart the HTML page's bar chart of {@code sectors}
 * @param trendChart  the HTML page's coverage line, null while there are fewer than two snapshots to draw
 * @param detail      null unless the report was asked with {@code detail}
 */
record ReportPage(String generatedAt, String checksEvaluatedAt, List<Figure> summary, List<SectorRow> sectors, SectorChart sectorChart,
                  String unknownShare, String unknownShareTarget, String unknownShareMark, String status, List<CheckRow> checks,
                  TrendChart trendChart, Detail detail) {

    /** The console text's bar for a sector that has every universe member. */
    private static final int TEXT_BAR_WIDTH = 40;
    private static final int CHART_BAR_WIDTH = 400;
    private static final int CHART_ROW_HEIGHT = 22;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    record Figure(String label, String value) {
    }

    /** @param textBar the share drawn in {@code #}, for the console */
    record SectorRow(String name, String members, String share, String textBar) {
    }

    record SectorChart(int height, List<Bar> bars) {
    }

    record Bar(String name, String members, int y, int labelY, int width, int valueX, int valueY, String fill) {
    }

    record TrendChart(String points) {
    }

    /** @param sample a few failing rows, comma-separated; empty when the check gave none */
    record CheckRow(String mark, String status, String name, String category, String value, String threshold, String message,
                    String sample) {
    }

    /** @param failing the checks that did not pass and named rows */
    record Detail(List<EtfSection> etfs, List<MemberList> sectors, List<CheckRow> failing) {
    }

    record EtfSection(String symbol, String name, String holdings, List<HoldingRow> top10) {
    }

    /** @param weight in percent, with its sign; a dash when the file gave none */
    record HoldingRow(String symbol, String weight) {
    }

    record MemberList(String sector, String symbols) {
    }

    static ReportPage of(RelationshipBreakdown report) {
        SectorDistribution distribution = report.sectorDistribution();
        List<CheckRow> checks = report.checks().stream().map(ReportPage::check).toList();
        return new ReportPage(instant(report.generatedAt()), instant(report.checksEvaluatedAt()), summary(report.summary()),
                sectorRows(distribution), sectorChart(distribution.bySector()),
                String.format(Locale.ROOT, "%.2f%%", distribution.unknownShare() * 100), QualityService.percent(distribution.unknownShareTarget()),
                distribution.onTarget() ? "✅" : "❌", report.status().name(), checks, trendChart(report.trend()),
                report.detailed() ? detail(report, checks) : null);
    }

    /** To the second, in UTC: as the report's file name has it. */
    static String instant(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(INSTANT);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static List<Figure> summary(Summary summary) {
        Relationships relationships = summary.relationships();
        return List.of(
                new Figure("ETFs", count(summary.etfs())),
                new Figure("Stocks held by an ETF or listed in a universe (ETFs not counted)", count(summary.stocks())),
                new Figure("Sectors", count(summary.sectors())),
                new Figure("Industries", count(summary.industries())),
                new Figure("Themes", count(summary.themes())),
                new Figure("Universes", count(summary.universes())),
                new Figure("Total relationships (memberships of every kind)", count(relationships.total())),
                new Figure("ETF holds stock", count(relationships.etfHoldsStock())),
                new Figure("Stock in sector", count(relationships.stockInSector())),
                new Figure("Stock in industry", count(relationships.stockInIndustry())),
                new Figure("Stock in theme", count(relationships.stockInTheme())),
                new Figure("Stock in universe", count(relationships.stockInUniverse())));
    }

    private static List<SectorRow> sectorRows(SectorDistribution distribution) {
        double total = Math.max(1, distribution.universeMembers());
        return distribution.bySector().stream().map(sector -> new SectorRow(sector.name(), count(sector.members()),
                String.format(Locale.ROOT, "%.1f%%", 100.0 * sector.members() / total),
                "#".repeat((int) Math.round(TEXT_BAR_WIDTH * sector.members() / total)))).toList();
    }

    private static SectorChart sectorChart(List<SectorCount> sectors) {
        long largest = Math.max(1, sectors.stream().mapToLong(SectorCount::members).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int y = 5;
        for (SectorCount sector : sectors) {
            int width = (int) Math.round((double) CHART_BAR_WIDTH * sector.members() / largest);
            bars.add(new Bar(sector.name(), String.valueOf(sector.members()), y, y + 14, width, 185 + width, y + 13,
                    sector.name().equals("unknown") ? "#b3261e" : "#3b6fd1"));
            y += CHART_ROW_HEIGHT;
        }
        return new SectorChart(CHART_ROW_HEIGHT * sectors.size() + 10, bars);
    }

    /** Sector coverage (1 − unknown share) of each snapshot, left to right, 100% at the top; a gap in the history draws as 0%. */
    private static TrendChart trendChart(List<TrendPoint> trend) {
        if (trend.size() < 2) {
            return null;
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < trend.size(); i++) {
            Double unknown = trend.get(i).unknownShare();
            double covered = unknown == null ? 0 : 1 - unknown;
            points.append(points.isEmpty() ? "" : " ").append(20 + i * 600 / (trend.size() - 1)).append(',').append(Math.round(170 - 150 * covered));
        }
        return new TrendChart(points.toString());
    }

    private static CheckRow check(QualityCheck check) {
        String mark = switch (check.status()) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
        };
        return new CheckRow(mark, check.status().name(), check.name(), check.category(), String.format(Locale.ROOT, "%.4g", check.value()),
                check.threshold(), check.message(), String.join(", ", check.sample()));
    }

    private static Detail detail(RelationshipBreakdown report, List<CheckRow> checks) {
        List<EtfSection> etfs = report.etfs().stream().map(ReportPage::etf).toList();
        List<MemberList> sectors = report.sectors().stream().map(s -> new MemberList(s.sector(), String.join(", ", s.symbols()))).toList();
        List<CheckRow> failing = checks.stream().filter(c -> !c.status().equals("PASS") && !c.sample().isEmpty()).toList();
        return new Detail(etfs, sectors, failing);
    }

    private static EtfSection etf(EtfHoldings etf) {
        return new EtfSection(etf.symbol(), etf.name() == null ? "" : etf.name(), count(etf.holdings()), etf.top10().stream()
                .map(h -> new HoldingRow(h.symbol(), h.weight() == null ? "—" : h.weight().toPlainString() + "%")).toList());
    }
}
