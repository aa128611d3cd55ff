package io.relationships.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.relationships.catalog.CatalogWriter;
import io.relationships.support.CatalogFingerprint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loads that must not happen: bad input rejected with a clear error naming file, line and column, and loads refused
 * before they write, each leaving the catalog byte-for-byte as it was ({@link CatalogFingerprint}).
 */
class LoadValidationTest extends CatalogLoadTest {

    @Autowired
    CatalogWriter writerBean;
    @Autowired
    MembershipFiles membershipFiles;
    @Autowired
    Uploads uploads;
    @Autowired
    ZipArchives archives;
    @Autowired
    ObjectProvider<SecurityClassifier> classifier;

    @Test
    void aFullLoadOfAnEmptyFolderIsRefusedRatherThanEmptyingTheCatalog() throws IOException {
        String before = fingerprint();
        Path empty = Files.createDirectories(files.directory().resolve("empty"));
        LoadRunRecord run = load(RunKind.ETF_HOLDINGS, LoadMode.FULL, empty);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("no files to load");
        assertThat(fingerprint()).isEqualTo(before);
    }

    /** Refusing is for a load that would delete groups; where none of the kind exist, a full load of nothing is a no-op. */
    @Test
    void aFullLoadOfNothingWhereNoGroupOfTheKindExistsIsANoOpNotARefusal() throws IOException {
        jdbc.sql("delete from definition_groups where type = 'THEME'").update(); // a catalog that never had themes
        String before = fingerprint();
        Path empty = Files.createDirectories(files.directory().resolve("no-themes"));

        LoadRunRecord run = load(RunKind.THEMES, LoadMode.FULL, empty);

        assertThat(run.status()).as(run.toString()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.findings(run.id(), 100)).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("NO_FILES");
            assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        });
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void filesOutsideTheAllowedRootsAreRefused() {
        assertThatThrownBy(() -> loadFiles(RunKind.ETF_HOLDINGS, Path.of("/etc/passwd")))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.code()).isEqualTo(LoadException.Code.BAD_REQUEST))
                .hasMessageContaining("outside the data directory");
        assertThatThrownBy(() -> loadFiles(RunKind.ETF_HOLDINGS, files.directory().resolve("../../../pom.xml")))
                .isInstanceOf(LoadException.class);
    }

    @Test
    void aFileDeletedBetweenListingAndReadingRejectsTheRunAndChangesNothing() {
        Path kept = files.write("AAA.csv", "# as_of: 2025-11-14\nsymbol,weight\nNVDA,100\n");
        files.write("BBB.csv", "# as_of: 2025-11-14\nsymbol,weight\nAAPL,100\n");
        String before = fingerprint();
        SourceFiles deletingAfterListing = new SourceFiles(new DataDirectory(Path.of("data")),
                new LoadProperties(List.of("target/test-files"), DataSize.ofMegabytes(50),
                        new LoadProperties.WeightSum(new BigDecimal("2.5"), new BigDecimal("50"), new BigDecimal("120")), 200, false, "target/test-uploads", Duration.ofDays(7), false, "target/sample",
                        new LoadProperties.Archives(1000, DataSize.ofMegabytes(500), 100), new LoadProperties.Inbox(Map.of(), null, null, Duration.ofSeconds(30))),
                uploads, archives) {
            @Override
            List<SourceFile> list(LoadRequest request, String defaultFolder) {
                List<SourceFile> listed = super.list(request, defaultFolder);
                files.delete("BBB.csv");
                return listed;
            }
        };
        MembershipFileStep step = new MembershipFileStep(MembershipFileKind.HOLDINGS, deletingAfterListing, catalog, writerBean, membershipFiles, classifier);
        long runId = runs.create(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test", Map.of(), null, null);
        RunContext context = new RunContext(runId, LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withDirectory(files.directory()), runs, new ProgressHub());

        assertThatThrownBy(() -> step.execute(context)).isInstanceOf(RunRejected.class).hasMessageContaining("BBB.csv");
        assertThat(context.findings()).extracting(Finding::code).containsExactly("FILE_VANISHED");
        assertThat(fingerprint()).isEqualTo(before);
        runs.fail(runId, "test");
        assertThat(kept).exists();
    }

    // -------------------------------------------------------------------------------------------------------------
    // bad input: a clear error naming file, line and column, and the catalog byte-for-byte as it was

    record BadFile(String name, byte[] content, String code, Integer line, Integer column) {
    }

    static BadFile bad(String name, String content, String code, Integer line, Integer column) {
        return new BadFile(name, content.getBytes(StandardCharsets.UTF_8), code, line, column);
    }

    static final String HEADER = "# as_of: 2025-11-14\nsymbol,name,weight\n";

    @Test
    void everyBadInputIsRejectedWithALocatedErrorAndLeavesTheCatalogAsItWas() throws IOException {
        String future = LocalDate.now().plusDays(30).toString();
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes((HEADER + "SAN,Soci\u00e9t\u00e9 G\u00e9n\u00e9rale,50\n").getBytes(StandardCharsets.UTF_8));
        mixed.writeBytes("NSRGY,Nestl\u00e9 SA,50\n".getBytes(Charset.forName("windows-1252")));
        List<BadFile> cases = List.of(
                bad("EMPTY.csv", "", "EMPTY_FILE", null, null),
                bad("HEADERONLY.csv", HEADER, "NO_ROWS", 2, null),
                bad("SEMI.csv", "symbol;name;weight\nAAPL;Apple;100\n", "WRONG_DELIMITER", 1, null),
                bad("WHAT.csv", "colour,size\nred,10\n", "UNKNOWN_FORMAT", 1, null),
                bad("NOWEIGHT.csv", "# as_of: 2025-11-14\nsymbol,name\nAAPL,Apple\n", "MISSING_COLUMN", 2, null),
                bad("NAN.csv", HEADER + "AAPL,Apple,50\nMSFT,Microsoft,fifty\n", "WEIGHT_NOT_A_NUMBER", 4, 3),
                bad("NEG.csv", HEADER + "AAPL,Apple,-5\nMSFT,Microsoft,105\n", "WEIGHT_NEGATIVE", 3, 3),
                bad("TRIPLE.csv", HEADER + "AAPL,Apple,100\nMSFT,Microsoft,100\nNVDA,NVIDIA,100\n", "WEIGHT_SUM", null, null),
                bad("DUP.csv", HEADER + "BRK.B,Berkshire,50\nBRK-B,Berkshire,50\n", "DUPLICATE_SYMBOL", 4, 1),
                bad("BADDATE.csv", "# as_of: the 14th\nsymbol,name,weight\nAAPL,Apple,100\n", "AS_OF_UNPARSEABLE", null, null),
                bad("FUTURE.csv", "# as_of: " + future + "\nsymbol,name,weight\nAAPL,Apple,100\n", "AS_OF_IN_FUTURE", null, null),
                new BadFile("GARBAGE.csv", garbage, "BINARY_FILE", null, null),
                bad("INJECT.csv", HEADER + "'); DROP TABLE securities; --,Evil,50\n<script>,Evil,50\n", "INVALID_SYMBOL", 3, 1),
                new BadFile("MIXED.csv", mixed.toByteArray(), "MIXED_ENCODING", 4, null));
        for (BadFile bad : cases) {
            String before = fingerprint();
            Path path = files.write(bad.name(), bad.content());

            LoadRunRecord run = loadFiles(RunKind.ETF_HOLDINGS, path);

            assertThat(run.status()).as(bad.name()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).as(bad.name()).contains(bad.name()).contains("nothing was written");
            List<Finding> errors = runs.findings(run.id(), 100).stream().filter(Finding::isError).toList();
            assertThat(errors).as(bad.name()).isNotEmpty();
            Finding first = errors.get(0);
            assertThat(first.code()).as(bad.name()).isEqualTo(bad.code());
            assertThat(first.file()).as(bad.name()).endsWith(bad.name());
            assertThat(first.line()).as(bad.name() + " line").isEqualTo(bad.line());
            assertThat(first.column()).as(bad.name() + " column").isEqualTo(bad.column());
            assertThat(runs.files(run.id())).as(bad.name()).extracting(FileOutcome::status).containsExactly(FileOutcome.Status.REJECTED);
            assertThat(fingerprint()).as(bad.name() + " left the catalog unchanged").isEqualTo(before);
        }
    }

    @Test
    void twoFilesForTheSameEtfRejectBoth() {
        files.copyFixture("formats/XLU.json");
        files.write("XLU_holdings.csv", HEADER + "NEE,NextEra,100\n");
        String before = fingerprint();
        LoadRunRecord run = load(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, files.directory());
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.findings(run.id(), 10)).extracting(Finding::code).containsOnly("DUPLICATE_GROUP");
        assertThat(runs.files(run.id())).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.REJECTED);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aFileAboveTheSizeLimitIsRefusedWithoutBeingRead() throws IOException {
        Path huge = files.directory().resolve("HUGE.csv");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(200L * 1024 * 1024); // sparse: costs no disk
        }
        String before = fingerprint();
        LoadRunRecord run = loadFiles(RunKind.ETF_HOLDINGS, huge);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.findings(run.id(), 10)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("FILE_TOO_LARGE");
            assertThat(f.message()).contains("200.0 MB").contains("max-file-size");
        });
        assertThat(fingerprint()).isEqualTo(before);
        Files.delete(huge);
    }

    @Test
    void aBadThemeRejectsTheThemesFile() {
        String before = fingerprint();
        Path themes = files.write("themes.csv", "theme,name,symbols\nai,AI,NVDA;<script>\n");
        LoadRunRecord run = loadFiles(RunKind.THEMES, themes);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.findings(run.id(), 10)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("INVALID_SYMBOL");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.column()).isEqualTo(3);
        });
        assertThat(fingerprint()).isEqualTo(before);
    }
}
