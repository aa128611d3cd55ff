package io.relationships.cli;

import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "report", description = "The relationship breakdown report: printed, or saved in the service's reports folder (--save).")
final class ReportCommand extends Cli.Base {
    @Option(names = "--format", defaultValue = "text", description = "text, markdown, json or html (default: ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--detail", description = "add every ETF's holdings count and top 10, every sector's stocks, every failing check's rows")
    boolean detail;
    @Option(names = "--summary", description = "the summary view: totals, sector distribution, quality against targets (the default)")
    boolean summary;
    @Option(names = "--save", description = "write it as reports/relationship_breakdown_<UTC instant>.<ext> (OPERATOR) and print where")
    boolean save;

    @Override
    public Integer call() {
        Map<String, Object> variables = Map.of("format", format.toUpperCase(Locale.ROOT), "detail", detail);
        if (save) {
            JsonNode report = client().execute("mutation($format: ReportFormat, $detail: Boolean) { generateReport(format: $format, detail: $detail, save: true) "
                    + "{ fileName downloadUrl } }", variables).path("generateReport");
            out().println("saved " + report.path("fileName").asString() + " (" + root().url.replaceAll("/$", "") + report.path("downloadUrl").asString() + ")");
        } else {
            out().print(client().execute("query($format: ReportFormat, $detail: Boolean) { report(format: $format, detail: $detail) { content } }",
                    variables).path("report").path("content").asString());
            out().flush();
        }
        return Cli.OK;
    }
}
