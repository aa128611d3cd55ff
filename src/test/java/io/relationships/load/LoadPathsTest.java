package io.relationships.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.relationships.IntegrationTest;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.CatalogFingerprint;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a load may read: files below the data directory and the allowed roots, by their real path. A link inside an
 * allowed folder that leads out of it is not followed; a refusal says nothing about files outside the roots; and the
 * content of a file that is not a holdings file is never echoed beyond a short, escaped excerpt.
 */
@IntegrationTest
class LoadPathsTest {

    static final Path SECRET = Path.of("target/test-secret/passwd").toAbsolutePath();

    @Autowired
    LoadService loads;
    @Autowired
    LoadRunStore runs;
    @Autowired
    JdbcClient jdbc;

    final TestFiles files = TestFiles.create();

    static Path secret() throws IOException {
        Files.createDirectories(SECRET.getParent());
        return Files.writeString(SECRET, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
    }

    LoadRunRecord loadFolder(Path folder) {
        return loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test").withDirectory(folder));
    }

    @Test
    void aLinkInsideAnAllowedFolderThatLeadsOutIsNotFollowed() throws IOException {
        files.write("GOOD.csv", "# fund: GOOD\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,60\nAAPL,40\n");
        Files.createSymbolicLink(files.directory().resolve("passwd.csv"), secret());
        Files.createSymbolicLink(files.directory().resolve("dangling.csv"), files.directory().resolve("gone.csv"));
        String before = CatalogFingerprint.of(jdbc);

        LoadRunRecord run = loadFolder(files.directory());

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        List<Finding> findings = runs.findings(run.id(), 100);
        assertThat(findings).filteredOn(f -> f.code().equals("LINK_OUTSIDE_ROOTS")).extracting(f -> Path.of(f.file()).getFileName().toString())
                .containsExactlyInAnyOrder("passwd.csv", "dangling.csv");
        assertThat(findings.toString() + run.error()).doesNotContain("root:").doesNotContain("daemon").doesNotContain(SECRET.toString());
        assertThat(CatalogFingerprint.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aLinkThatStaysInsideTheRootsIsRead() throws IOException {
        Path elsewhere = files.write("kept/REAL.csv", "# fund: LINKED\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,100\n");
        Path folder = Files.createDirectories(files.directory().resolve("folder"));
        Files.createSymbolicLink(folder.resolve("LINKED.csv"), elsewhere);

        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test").withDirectory(folder));

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.counts().added()).isEqualTo(1);
    }

    @Test
    void aFileNamedThroughALinkOutOfTheRootsIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(files.directory().resolve("innocent.csv"), secret());

        assertThatThrownBy(() -> loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(link, "X")))))
                .isInstanceOf(LoadException.class).hasMessageContaining("outside the data directory").hasMessageNotContaining("root:");
    }

    @Test
    void aRefusalSaysTheSameWhetherOrNotAFileOutsideTheRootsExists() throws IOException {
        Path exists = secret();
        Path missing = exists.resolveSibling("no-such-file");

        String existing = refusal(exists);
        String absent = refusal(missing);

        assertThat(existing.replace(exists.toString(), "PATH")).isEqualTo(absent.replace(missing.toString(), "PATH"))
                .contains("outside the data directory");
    }

    String refusal(Path path) {
        try {
            loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test").withFiles(List.of(new LoadRequest.FileSpec(path, "X"))));
            throw new AssertionError("not refused: " + path);
        } catch (LoadException e) {
            return e.getMessage();
        }
    }

    @Test
    void anUnrecognisedFileIsQuotedOnlyAsAShortEscapedExcerpt() {
        String secretLine = "db_password=hunter2-and-a-long-tail-that-should-never-be-shown-in-full\u001b[31m,x";
        files.write("config.csv", secretLine + "\nmore,lines\n");

        LoadRunRecord run = loadFolder(files.directory());

        Finding unknown = runs.findings(run.id(), 100).stream().filter(f -> f.code().equals("UNKNOWN_FORMAT")).findFirst().orElseThrow();
        assertThat(unknown.message()).doesNotContain("never-be-shown").doesNotContain("\u001b").contains("db_password=hunter2");
    }
}
