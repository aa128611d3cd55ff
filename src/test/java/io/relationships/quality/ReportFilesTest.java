package io.relationships.quality;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.relationships.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Saved reports in PostgreSQL: names to the UTC second, what happens within one second, and what is found again. */
@IntegrationTest
class ReportFilesTest {

    static final Instant MADE = Instant.parse("2026-12-01T15:42:33.870Z");

    @Autowired
    ReportFiles files;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void noSavedReports() {
        jdbc.sql("delete from saved_reports where name like 'relationship_breakdown_2026-12-01%'").update();
    }

    String content(String name) {
        return new String(files.saved(name).orElseThrow().content(), StandardCharsets.UTF_8);
    }

    @Test
    void aReportIsNamedByTheUtcSecondItWasMade() {
        assertThat(ReportFiles.fileName(MADE, "md")).isEqualTo("relationship_breakdown_2026-12-01T154233Z.md");
        String saved = files.save(MADE, "md", "# report");
        assertThat(saved).isEqualTo("relationship_breakdown_2026-12-01T154233Z.md");
        assertThat(content(saved)).isEqualTo("# report");
    }

    @Test
    void reportsOfOneDayNoLongerOverwriteEachOther() {
        String morning = files.save(Instant.parse("2026-12-01T08:00:00Z"), "md", "morning");
        String evening = files.save(Instant.parse("2026-12-01T20:00:00Z"), "md", "evening");
        assertThat(content(morning)).isEqualTo("morning");
        assertThat(content(evening)).isEqualTo("evening");
    }

    @Test
    void aSecondReportInTheSameSecondGetsASuffixAndTheFirstIsKept() {
        String first = files.save(MADE, "html", "first");
        String second = files.save(MADE.plusMillis(100), "html", "second");
        String third = files.save(MADE, "html", "third");
        String otherFormat = files.save(MADE, "md", "markdown");

        assertThat(first).isEqualTo("relationship_breakdown_2026-12-01T154233Z.html");
        assertThat(second).isEqualTo("relationship_breakdown_2026-12-01T154233Z-2.html");
        assertThat(third).isEqualTo("relationship_breakdown_2026-12-01T154233Z-3.html");
        assertThat(otherFormat).as("another format is another name").isEqualTo("relationship_breakdown_2026-12-01T154233Z.md");
        assertThat(content(first)).isEqualTo("first");
        assertThat(content(third)).isEqualTo("third");
    }

    @Test
    void onlyReportNamesAreFound() {
        files.save(MADE, "txt", "text");
        assertThat(files.saved("relationship_breakdown_2026-12-01T154233Z.txt")).isPresent();
        assertThat(files.saved("relationship_breakdown_2026-12-01T154234Z.txt")).as("never saved").isEmpty();
        assertThat(files.saved("../secret.txt")).isEmpty();
        assertThat(files.saved("relationship_breakdown_2026-12-01T154233Z.txt/../../secret.txt")).isEmpty();
        assertThat(files.saved("relationship_breakdown_20261201.txt")).as("the old daily name").isEmpty();
    }

    /** relationships.quality.report-retention (90 days by default): older saved reports go when the next is saved. */
    @Test
    void reportsPastTheirRetentionAreRemovedWhenTheNextIsSaved() {
        String old = files.save(MADE, "json", "{}");
        String recent = files.save(MADE, "txt", "recent");
        jdbc.sql("update saved_reports set created_at = now() - interval '91 days' where name = ?").param(old).update();
        jdbc.sql("update saved_reports set created_at = now() - interval '89 days' where name = ?").param(recent).update();

        files.save(MADE.plusSeconds(1), "md", "the next one");

        assertThat(files.saved(old)).as("past the retention").isEmpty();
        assertThat(files.saved(recent)).as("within it").isPresent();
    }
}
