package io.relationships.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports folder on a real file system: names to the UTC second, and what happens within one second. */
class ReportFilesTest {

    static final Instant MADE = Instant.parse("2026-12-01T15:42:33.870Z");

    @TempDir
    Path directory;

    @Test
    void aReportIsNamedByTheUtcSecondItWasMade() {
        assertThat(ReportFiles.fileName(MADE, "md")).isEqualTo("relationship_breakdown_2026-12-01T154233Z.md");
        Path saved = new ReportFiles(directory).save(MADE, "md", "# report");
        assertThat(saved).hasFileName("relationship_breakdown_2026-12-01T154233Z.md").hasContent("# report");
    }

    @Test
    void reportsOfOneDayNoLongerOverwriteEachOther() {
        ReportFiles files = new ReportFiles(directory);
        Path morning = files.save(Instant.parse("2026-12-01T08:00:00Z"), "md", "morning");
        Path evening = files.save(Instant.parse("2026-12-01T20:00:00Z"), "md", "evening");
        assertThat(morning).hasContent("morning");
        assertThat(evening).hasContent("evening");
    }

    @Test
    void aSecondReportInTheSameSecondGetsASuffixAndTheFirstIsKept() throws Exception {
        ReportFiles files = new ReportFiles(directory);
        Path first = files.save(MADE, "html", "first");
        Path second = files.save(MADE.plusMillis(100), "html", "second");
        Path third = files.save(MADE, "html", "third");
        Path otherFormat = files.save(MADE, "md", "markdown");

        assertThat(first).hasFileName("relationship_breakdown_2026-12-01T154233Z.html").hasContent("first");
        assertThat(second).hasFileName("relationship_breakdown_2026-12-01T154233Z-2.html").hasContent("second");
        assertThat(third).hasFileName("relationship_breakdown_2026-12-01T154233Z-3.html").hasContent("third");
        assertThat(otherFormat).as("another format is another name").hasFileName("relationship_breakdown_2026-12-01T154233Z.md");
        try (var saved = Files.list(directory)) {
            assertThat(saved).hasSize(4);
        }
        assertThat(files.saved(second.getFileName().toString())).contains(second);
    }

    @Test
    void onlyReportNamesInTheFolderAreFound() throws Exception {
        ReportFiles files = new ReportFiles(directory.resolve("reports"));
        files.save(MADE, "txt", "text");
        Files.writeString(directory.resolve("secret.txt"), "secret");

        assertThat(files.saved("relationship_breakdown_2026-12-01T154233Z.txt")).isPresent();
        assertThat(files.saved("relationship_breakdown_2026-12-01T154234Z.txt")).as("never saved").isEmpty();
        assertThat(files.saved("../secret.txt")).isEmpty();
        assertThat(files.saved("relationship_breakdown_2026-12-01T154233Z.txt/../../secret.txt")).isEmpty();
        assertThat(files.saved("relationship_breakdown_20261201.txt")).as("the old daily name").isEmpty();
    }
}
