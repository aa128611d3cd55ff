package io.relationships.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.relationships.IntegrationTest;
import io.relationships.graph.GraphSync;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/sample_report.md} true: it is the detailed Markdown report of the sample data (which the shared
 * context holds, every test restoring it after changing it), with what differs from run to run replaced by a
 * placeholder. {@code -Dregenerate.docs=true} writes the file instead of comparing.
 */
@IntegrationTest
class SampleReportTest {

    static final Path SAMPLE_REPORT = Path.of("docs/sample_report.md");
    static final String HOW_TO_REGENERATE = "mvn test -Dtest=SampleReportTest -Dregenerate.docs=true";
    /** Says, where the file is read and not where it is rendered, what it is and how it is made. */
    static final String HEADER = "<!-- The detailed Markdown report of the sample data (data/), written by SampleReportTest: "
            + HOW_TO_REGENERATE + ". {placeholders} stand for what changes from run to run. -->\n\n";

    @Autowired
    ReportService reports;
    @Autowired
    QualityService quality;
    @Autowired
    GraphSync sync;

    @Test
    void theSampleReportInTheDocsIsWhatTheSampleDataMakes() throws IOException {
        sync.syncNow(false, "test"); // the graph in step with the sample, then compared with it, so that graph_drift passes
        quality.evaluate(true);
        String report = HEADER + withPlaceholders(reports.generate(true, ReportService.Format.MARKDOWN, false).content());
        if (Boolean.getBoolean("regenerate.docs")) {
            Files.writeString(SAMPLE_REPORT, report);
        }
        assertThat(Files.readString(SAMPLE_REPORT))
                .as("%s is not what the report makes of the sample data now; if the change is meant, regenerate it: %s", SAMPLE_REPORT, HOW_TO_REGENERATE)
                .isEqualTo(report);
    }

    /**
     * The report with placeholders for what changes from run to run: when it was made, the instants in check findings,
     * and member_count_drops, which reads the load history (other tests' loads, in the shared context), with the overall
     * status it counts in.
     */
    static String withPlaceholders(String markdown) {
        return markdown
                .replaceAll("_Generated \\S+; quality checks as of \\S+_", "_Generated {generated-at}; quality checks as of {checks-evaluated-at}_")
                .replaceAll("last load \\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z", "last load {last-load}")
                .replaceAll("\\(checked \\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\)", "(checked {checked-at})")
                .replaceAll("(?m)^\\| \\S+ \\| member_count_drops \\| volume \\| \\S+ \\| (.+?) \\| .+ \\|$",
                        "| {status} | member_count_drops | volume | {count} | $1 | {depends on the load history} |")
                .replaceAll("(?m)^- member_count_drops: .*\\n", "")
                // the overall status takes member_count_drops into account
                .replaceAll("(?m)^Overall: \\*\\*\\w+\\*\\*", "Overall: **{worst check, member_count_drops included}**");
    }
}
