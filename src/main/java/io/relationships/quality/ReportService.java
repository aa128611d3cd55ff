package io.relationships.quality;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relationship breakdown report: SUMMARY, SECTOR DISTRIBUTION and DATA QUALITY METRICS against their targets;
 * with {@code detail}, every ETF's holdings count and top 10, every sector's stocks and every failing check's rows.
 * One value ({@link RelationshipBreakdown}) rendered as console text, Markdown, JSON (the value itself) or a
 * self-contained HTML page (charts as inline SVG, nothing from a CDN); Markdown and HTML come from templates that
 * escape whatever a file brought in.
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
    /** @param saved whether the report was saved (and can be downloaded by its file name) */
    public record Report(Format format, String fileName, String content, boolean saved) {
    }

    private final BreakdownFigures figures;
    private final ReportTemplates templates;
    private final ReportFiles files;
    private final Clock clock = Clock.systemUTC();
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    ReportService(BreakdownFigures figures, ReportTemplates templates, ReportFiles files) {
        this.figures = figures;
        this.templates = templates;
        this.files = files;
    }

    /** Writing the file (save) is an operator's action; reading a report is not. */
    @PreAuthorize("!#save or hasRole('OPERATOR')")
    public Report generate(boolean detail, Format format, boolean save) {
        RelationshipBreakdown report = breakdown(detail);
        String content = render(report, format);
        if (save) {
            return new Report(format, files.save(report.generatedAt().toInstant(), format.extension, content), content, true);
        }
        return new Report(format, ReportFiles.fileName(report.generatedAt().toInstant(), format.extension), content, false);
    }

    /** The report's figures, as of now. */
    public RelationshipBreakdown breakdown(boolean detail) {
        return figures.collect(OffsetDateTime.now(clock), detail);
    }

    public String render(RelationshipBreakdown report, Format format) {
        return switch (format) {
            case TEXT -> TextReport.render(ReportPage.of(report));
            case MARKDOWN -> templates.markdown(ReportPage.of(report));
            case JSON -> json.writeValueAsString(report);
            case HTML -> templates.html(ReportPage.of(report));
        };
    }

    /** A saved report's bytes by file name, from whichever instance saved it. */
    public Optional<byte[]> saved(String fileName) {
        return files.saved(fileName).map(ReportFiles.SavedReport::content);
    }
}
