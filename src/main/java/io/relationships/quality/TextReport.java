package io.relationships.quality;

import java.util.Locale;

/**
 * The report's page as console text: columns padded to the widest label. Written in code rather than a template
 * because a template cannot pad; there is nothing to escape (the loaders refuse control characters in names).
 */
final class TextReport {

    private TextReport() {
    }

    static String render(ReportPage page) {
        StringBuilder out = new StringBuilder();
        out.append("RELATIONSHIP BREAKDOWN  ").append(page.generatedAt()).append("  (quality checks as of ")
                .append(page.checksEvaluatedAt()).append(")\n\nSUMMARY\n");
        int width = page.summary().stream().mapToInt(f -> f.label().length()).max().orElse(0);
        for (ReportPage.Figure figure : page.summary()) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s %12s%n", figure.label(), figure.value()));
        }
        out.append("\nSECTOR DISTRIBUTION (universe members)\n");
        for (ReportPage.SectorRow sector : page.sectors()) {
            out.append(String.format(Locale.ROOT, "  %-26s %8s  %6s  %s%n", sector.name(), sector.members(), sector.share(), sector.textBar()));
        }
        out.append("  unknown share ").append(page.unknownShare()).append(" (target ≤ ").append(page.unknownShareTarget()).append(")\n");
        out.append("\nDATA QUALITY METRICS  (").append(page.status()).append(")\n");
        for (ReportPage.CheckRow check : page.checks()) {
            out.append(String.format(Locale.ROOT, "  %s %-36s %-14s %s%n", check.mark(), check.name(), check.category(), check.message()));
        }
        ReportPage.Detail detail = page.detail();
        if (detail != null) {
            out.append("\nETFS\n");
            for (ReportPage.EtfSection etf : detail.etfs()) {
                out.append(String.format(Locale.ROOT, "  %-8s %6s holdings  %s%n", etf.symbol(), etf.holdings(), etf.name()));
                etf.top10().forEach(h -> out.append(String.format(Locale.ROOT, "           %-10s %s%n", h.symbol(), h.weight())));
            }
            out.append("\nSECTORS\n");
            detail.sectors().forEach(s -> out.append("  ").append(s.sector()).append(": ").append(s.symbols()).append('\n'));
            out.append("\nFAILING ROWS\n");
            detail.failing().forEach(c -> out.append("  ").append(c.name()).append(": ").append(c.sample()).append('\n'));
        }
        return out.toString();
    }
}
