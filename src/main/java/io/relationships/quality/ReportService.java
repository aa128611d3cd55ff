package io.relationships.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.relationships.catalog.CatalogMetrics;
import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relationship breakdown report: SUMMARY, SECTOR DISTRIBUTION and DATA QUALITY METRICS against their targets;
 * with {@code detail}, every ETF's holdings count and top 10, every sector's stocks and every failing check's rows.
 * As console text, Markdown, JSON or a self-contained HTML page (charts as inline SVG, nothing from a CDN).
 * Everything a file brought in (names, symbols) is escaped where the format needs it.
 */
@Service
public class ReportService {

    public enum Format {
        TEXT("txt"), MARKDOWN("md"), JSON("json"), HTML("html");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** A generated report; {@code path} is set when it was saved under the reports folder. */
    public record Report(Format format, String fileName, String content, Path path) {
    }

    private final QualityService quality;
    private final QualityMonitor monitor;
    private final CatalogMetrics metrics;
    private final CatalogQueries catalog;
    private final Path reportsDirectory;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    ReportService(QualityService quality, QualityMonitor monitor, CatalogMetrics metrics, CatalogQueries catalog,
                  @Value("${relationships.quality.reports-dir:reports}") Path reportsDirectory) {
        this.quality = quality;
        this.monitor = monitor;
        this.metrics = metrics;
        this.catalog = catalog;
        this.reportsDirectory = reportsDirectory.toAbsolutePath().normalize();
    }

    public Path reportsDirectory() {
        return reportsDirectory;
    }

    /** Writing the file (save) is an operator's action; reading a report is not. */
    @org.springframework.security.access.prepost.PreAuthorize("!#save or hasRole('OPERATOR')")
    public Report generate(boolean detail, Format format, boolean save) {
        DataQuality data = quality.current();
        Map<String, Object> model = model(data, detail);
        String content = switch (format) {
            case TEXT -> text(model, data);
            case MARKDOWN -> markdown(model, data);
            case JSON -> json.writeValueAsString(model);
            case HTML -> html(model, data);
        };
        String fileName = "relationship_breakdown_" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "." + format.extension;
        Path path = null;
        if (save) {
            try {
                Files.createDirectories(reportsDirectory);
                path = Files.writeString(reportsDirectory.resolve(fileName), content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + fileName + " to " + reportsDirectory, e);
            }
        }
        return new Report(format, fileName, content, path);
    }

    /** A saved report by file name; nothing outside the reports folder. */
    public Optional<Path> saved(String fileName) {
        if (!fileName.matches("relationship_breakdown_\\d{8}\\.(md|json|html|txt)")) {
            return Optional.empty();
        }
        Path path = reportsDirectory.resolve(fileName);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------------------

    private Map<String, Object> model(DataQuality data, boolean detail) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("generatedAt", data.generatedAt().toString());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("etfs", data.totals().groups(GroupType.ETF));
        summary.put("securities", data.totals().securities());
        summary.put("sectors", data.totals().groups(GroupType.SECTOR));
        summary.put("industries", data.totals().groups(GroupType.INDUSTRY));
        summary.put("themes", data.totals().groups(GroupType.THEME));
        summary.put("universes", data.totals().groups(GroupType.UNIVERSE));
        Map<String, Object> relationships = new LinkedHashMap<>();
        relationships.put("etfHoldsStock", data.totals().memberships(GroupType.ETF));
        relationships.put("stockInSector", data.totals().memberships(GroupType.SECTOR));
        relationships.put("stockInIndustry", data.totals().memberships(GroupType.INDUSTRY));
        relationships.put("stockInTheme", data.totals().memberships(GroupType.THEME));
        relationships.put("stockInUniverse", data.totals().memberships(GroupType.UNIVERSE));
        summary.put("relationships", relationships);
        model.put("summary", summary);
        Map<String, Object> distribution = new LinkedHashMap<>();
        distribution.put("universeMembers", data.coverage().total());
        distribution.put("unknown", data.coverage().unknown());
        distribution.put("unknownShare", data.unknownShare());
        distribution.put("bySector", data.coverage().bySector());
        distribution.put("bySource", data.coverage().bySource());
        model.put("sectorDistribution", distribution);
        model.put("status", data.status().name());
        model.put("checks", data.checks());
        List<Map<String, Object>> trend = new ArrayList<>();
        for (QualitySnapshot snapshot : monitor.history(null, 30)) {
            trend.add(0, Map.of("takenAt", snapshot.takenAt().toString(), "unknownShare", snapshot.number("unknownShare"),
                    "integrity", snapshot.number("integrity")));
        }
        model.put("trend", trend);
        if (detail) {
            Map<String, Object> etfs = new LinkedHashMap<>();
            Map<String, List<Map.Entry<String, BigDecimal>>> top = metrics.topHoldings(10);
            for (CatalogMetrics.EtfSummary etf : metrics.etfSummaries()) {
                List<Map<String, Object>> holdings = new ArrayList<>();
                top.getOrDefault(etf.key(), List.of()).forEach(h -> holdings.add(Map.of("symbol", h.getKey(), "weight", h.getValue() == null ? "" : h.getValue())));
                etfs.put(etf.key(), Map.of("name", String.valueOf(etf.name()), "holdings", etf.holdings(), "top10", holdings));
            }
            model.put("etfs", etfs);
            Map<String, Object> sectors = new LinkedHashMap<>();
            for (String key : catalog.groupKeys(GroupType.SECTOR)) {
                sectors.put(key, List.copyOf(catalog.members(new GroupRef(GroupType.SECTOR, key)).keySet()));
            }
            model.put("sectors", sectors);
        }
        return model;
    }

    private static String mark(QualityCheck.Status status) {
        return switch (status) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private String text(Map<String, Object> model, DataQuality data) {
        StringBuilder out = new StringBuilder();
        out.append("RELATIONSHIP BREAKDOWN  ").append(model.get("generatedAt")).append("\n\n");
        out.append("SUMMARY\n");
        Map<String, Object> summary = map(model.get("summary"));
        summary.forEach((name, value) -> {
            if (!(value instanceof Map)) {
                out.append(String.format(Locale.ROOT, "  %-28s %,12d%n", name, ((Number) value).longValue()));
            }
        });
        map(summary.get("relationships")).forEach((name, value) ->
                out.append(String.format(Locale.ROOT, "  %-28s %,12d%n", name, ((Number) value).longValue())));
        out.append("\nSECTOR DISTRIBUTION (universe members)\n");
        long total = Math.max(1, data.coverage().total());
        data.coverage().bySector().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                out.append(String.format(Locale.ROOT, "  %-26s %,8d  %5.1f%%  %s%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / total,
                        "#".repeat((int) Math.round(40.0 * e.getValue() / total)))));
        out.append(String.format(Locale.ROOT, "  unknown share %.2f%% (target ≤ %s)%n", data.unknownShare() * 100,
                QualityService.percent(quality.targetUnknownShare())));
        out.append("\nDATA QUALITY METRICS  (").append(data.status()).append(")\n");
        for (QualityCheck check : data.checks()) {
            out.append(String.format(Locale.ROOT, "  %s %-36s %-14s %s%n", mark(check.status()), check.name(), check.category(), check.message()));
        }
        if (model.containsKey("etfs")) {
            out.append("\nETFS\n");
            map(model.get("etfs")).forEach((key, value) -> {
                Map<String, Object> etf = map(value);
                out.append(String.format(Locale.ROOT, "  %-8s %6d holdings  %s%n", key, ((Number) etf.get("holdings")).intValue(), etf.get("name")));
                for (Object holding : (List<?>) etf.get("top10")) {
                    Map<String, Object> h = map(holding);
                    out.append(String.format(Locale.ROOT, "           %-10s %s%%%n", h.get("symbol"), h.get("weight")));
                }
            });
            out.append("\nSECTORS\n");
            map(model.get("sectors")).forEach((key, value) -> out.append("  ").append(key).append(": ")
                    .append(String.join(" ", ((List<?>) value).stream().map(String::valueOf).toList())).append('\n'));
            out.append("\nFAILING ROWS\n");
            data.checks().stream().filter(c -> c.status() != QualityCheck.Status.PASS && !c.sample().isEmpty())
                    .forEach(c -> out.append("  ").append(c.name()).append(": ").append(String.join(", ", c.sample())).append('\n'));
        }
        return out.toString();
    }

    private String markdown(Map<String, Object> model, DataQuality data) {
        StringBuilder out = new StringBuilder();
        out.append("# Relationship breakdown\n\n_Generated ").append(model.get("generatedAt")).append("_\n\n## SUMMARY\n\n| | |\n|---|---:|\n");
        Map<String, Object> summary = map(model.get("summary"));
        summary.forEach((name, value) -> {
            if (!(value instanceof Map)) {
                out.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,d", ((Number) value).longValue())).append(" |\n");
            }
        });
        map(summary.get("relationships")).forEach((name, value) -> out.append("| ").append(name).append(" | ")
                .append(String.format(Locale.ROOT, "%,d", ((Number) value).longValue())).append(" |\n"));
        out.append("\n## SECTOR DISTRIBUTION\n\n| sector | universe members | share |\n|---|---:|---:|\n");
        long total = Math.max(1, data.coverage().total());
        data.coverage().bySector().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f%% |%n", md(e.getKey()), e.getValue(), 100.0 * e.getValue() / total)));
        out.append(String.format(Locale.ROOT, "%nUnknown share: **%.2f%%** (target ≤ %s) %s%n", data.unknownShare() * 100,
                QualityService.percent(quality.targetUnknownShare()), data.unknownShare() <= quality.targetUnknownShare() ? "✅" : "❌"));
        out.append("\n## DATA QUALITY METRICS\n\nOverall: **").append(data.status()).append("**\n\n| | check | category | value | threshold | finding |\n|---|---|---|---:|---|---|\n");
        for (QualityCheck check : data.checks()) {
            out.append("| ").append(mark(check.status())).append(" | ").append(check.name()).append(" | ").append(check.category()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.4g", check.value())).append(" | ").append(md(check.threshold())).append(" | ")
                    .append(md(check.message())).append(" |\n");
        }
        if (model.containsKey("etfs")) {
            out.append("\n## ETFS\n\n");
            map(model.get("etfs")).forEach((key, value) -> {
                Map<String, Object> etf = map(value);
                out.append("### ").append(md(key)).append(" — ").append(md(String.valueOf(etf.get("name")))).append(" (")
                        .append(etf.get("holdings")).append(" holdings)\n\n| symbol | weight |\n|---|---:|\n");
                for (Object holding : (List<?>) etf.get("top10")) {
                    Map<String, Object> h = map(holding);
                    out.append("| ").append(md(String.valueOf(h.get("symbol")))).append(" | ").append(h.get("weight")).append("% |\n");
                }
                out.append('\n');
            });
            out.append("## SECTORS\n\n");
            map(model.get("sectors")).forEach((key, value) -> out.append("- **").append(md(key)).append("**: ")
                    .append(md(String.join(", ", ((List<?>) value).stream().map(String::valueOf).toList()))).append('\n'));
            out.append("\n## FAILING ROWS\n\n");
            data.checks().stream().filter(c -> c.status() != QualityCheck.Status.PASS && !c.sample().isEmpty())
                    .forEach(c -> out.append("- ").append(c.name()).append(": ").append(md(String.join(", ", c.sample()))).append('\n'));
        }
        return out.toString();
    }

    /** Markdown that a name cannot break out of (pipes, HTML). */
    private static String md(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text).replace("|", "\\|").replace("\n", " ");
    }

    private String html(Map<String, Object> model, DataQuality data) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Relationship breakdown</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2430}table{border-collapse:collapse;margin:1rem 0}")
                .append("td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}th{background:#eef}.num{text-align:right}")
                .append(".PASS{color:#176b2c}.WARN{color:#8a6100}.FAIL{color:#b3261e;font-weight:bold}svg text{font-size:11px}")
                .append("</style></head><body>");
        out.append("<h1>Relationship breakdown</h1><p>Generated ").append(h(String.valueOf(model.get("generatedAt")))).append("</p>");
        out.append("<h2>Summary</h2><table>");
        Map<String, Object> summary = map(model.get("summary"));
        summary.forEach((name, value) -> {
            if (!(value instanceof Map)) {
                out.append("<tr><th>").append(h(name)).append("</th><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", ((Number) value).longValue())).append("</td></tr>");
            }
        });
        map(summary.get("relationships")).forEach((name, value) -> out.append("<tr><th>").append(h(name)).append("</th><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%,d", ((Number) value).longValue())).append("</td></tr>"));
        out.append("</table><h2>Sector distribution</h2>").append(sectorChart(data));
        out.append(String.format(Locale.ROOT, "<p>Unknown share <strong>%.2f%%</strong> (target ≤ %s)</p>", data.unknownShare() * 100,
                h(QualityService.percent(quality.targetUnknownShare()))));
        out.append("<h2>Coverage trend</h2>").append(trendChart(model));
        out.append("<h2>Data quality metrics</h2><p>Overall: <span class=\"").append(data.status()).append("\">").append(data.status())
                .append("</span></p><table><tr><th></th><th>check</th><th>category</th><th>value</th><th>threshold</th><th>finding</th></tr>");
        for (QualityCheck check : data.checks()) {
            out.append("<tr><td class=\"").append(check.status()).append("\">").append(check.status()).append("</td><td>").append(h(check.name()))
                    .append("</td><td>").append(h(check.category())).append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.4g", check.value()))
                    .append("</td><td>").append(h(check.threshold())).append("</td><td>").append(h(check.message()));
            if (!check.sample().isEmpty()) {
                out.append("<br><small>").append(h(String.join(", ", check.sample()))).append("</small>");
            }
            out.append("</td></tr>");
        }
        out.append("</table>");
        if (model.containsKey("etfs")) {
            out.append("<h2>ETFs</h2>");
            map(model.get("etfs")).forEach((key, value) -> {
                Map<String, Object> etf = map(value);
                out.append("<h3>").append(h(key)).append(" — ").append(h(String.valueOf(etf.get("name")))).append(" (").append(etf.get("holdings"))
                        .append(" holdings)</h3><table><tr><th>symbol</th><th>weight</th></tr>");
                for (Object holding : (List<?>) etf.get("top10")) {
                    Map<String, Object> hm = map(holding);
                    out.append("<tr><td>").append(h(String.valueOf(hm.get("symbol")))).append("</td><td class=\"num\">").append(h(String.valueOf(hm.get("weight"))))
                            .append("%</td></tr>");
                }
                out.append("</table>");
            });
            out.append("<h2>Sectors</h2>");
            map(model.get("sectors")).forEach((key, value) -> out.append("<h3>").append(h(key)).append("</h3><p>")
                    .append(h(String.join(", ", ((List<?>) value).stream().map(String::valueOf).toList()))).append("</p>"));
        }
        return out.append("</body></html>").toString();
    }

    private static String h(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    private static String sectorChart(DataQuality data) {
        var sectors = data.coverage().bySector().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        long max = sectors.stream().mapToLong(Map.Entry::getValue).max().orElse(1);
        int height = 22 * sectors.size() + 10;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Sector distribution\" width=\"640\" height=\"" + height + "\">");
        int y = 5;
        for (var sector : sectors) {
            int width = (int) Math.round(400.0 * sector.getValue() / Math.max(1, max));
            svg.append("<text x=\"0\" y=\"").append(y + 14).append("\">").append(h(sector.getKey())).append("</text>")
                    .append("<rect x=\"180\" y=\"").append(y).append("\" width=\"").append(width).append("\" height=\"16\" fill=\"")
                    .append(sector.getKey().equals("unknown") ? "#b3261e" : "#3b6fd1").append("\"></rect>")
                    .append("<text x=\"").append(185 + width).append("\" y=\"").append(y + 13).append("\">").append(sector.getValue()).append("</text>");
            y += 22;
        }
        return svg.append("</svg>").toString();
    }

    @SuppressWarnings("unchecked")
    private static String trendChart(Map<String, Object> model) {
        List<Map<String, Object>> trend = (List<Map<String, Object>>) model.get("trend");
        if (trend.size() < 2) {
            return "<p>Not enough history yet (one snapshot per load, sync and day).</p>";
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < trend.size(); i++) {
            double covered = 1 - ((Number) trend.get(i).get("unknownShare")).doubleValue();
            points.append(20 + i * 600 / (trend.size() - 1)).append(',').append(Math.round(170 - 150 * (Double.isNaN(covered) ? 0 : covered))).append(' ');
        }
        return "<svg role=\"img\" aria-label=\"Sector coverage over time\" width=\"640\" height=\"190\">"
                + "<line x1=\"20\" y1=\"20\" x2=\"620\" y2=\"20\" stroke=\"#ccd\"></line><text x=\"0\" y=\"18\">100%</text>"
                + "<line x1=\"20\" y1=\"170\" x2=\"620\" y2=\"170\" stroke=\"#ccd\"></line><text x=\"0\" y=\"182\">0%</text>"
                + "<polyline fill=\"none\" stroke=\"#3b6fd1\" stroke-width=\"2\" points=\"" + points.toString().trim() + "\"></polyline></svg>";
    }
}
