package io.relationships.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.relationships.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Archives are unpacked into the upload folder, or refused whole with a finding that names the archive and the entry. */
class ZipArchivesTest {

    final TestFiles files = TestFiles.create();
    final ZipArchives archives = new ZipArchives(properties(DataSize.ofMegabytes(50), 10, DataSize.ofMegabytes(500)));

    LoadProperties properties(DataSize maxFileSize, int maxEntries, DataSize maxTotal) {
        return new LoadProperties(List.of(), maxFileSize, new LoadProperties.WeightSum(new BigDecimal("2.5"), new BigDecimal("50"),
                new BigDecimal("120")), 200, false, files.directory().resolve("uploads").toString(), Duration.ofDays(7), false, "sample",
                new LoadProperties.Archives(maxEntries, maxTotal, 100), new LoadProperties.Inbox(Map.of(), null, null, Duration.ofSeconds(30)));
    }

    Path zip(String name, Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.write(name, bytes.toByteArray());
    }

    static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDataFilesOfAnArchiveAreUnpackedFlatAndItsNotesAndMacOsForksAreLeftOut() throws IOException {
        Path archive = zip("week47.zip", new LinkedHashMap<>(Map.of(
                "week47/", new byte[0],
                "week47/XLK.csv", text("symbol,weight\nNVDA,100\n"),
                "week47/XLE.csv", text("symbol,weight\nXOM,100\n"),
                "week47/README.md", text("# notes"),
                "__MACOSX/week47/._XLK.csv", text("fork"),
                "week47/.DS_Store", text("finder"))));

        ZipArchives.Unpacked unpacked = archives.unpack(archive, "week47.zip");

        assertThat(unpacked.refusal()).isNull();
        assertThat(unpacked.entries()).extracting(ZipArchives.Entry::label)
                .containsExactlyInAnyOrder("week47.zip!/XLK.csv", "week47.zip!/XLE.csv");
        for (ZipArchives.Entry entry : unpacked.entries()) {
            assertThat(entry.path()).startsWith(files.directory().resolve("uploads").toAbsolutePath());
            assertThat(entry.path().getFileName().toString()).isIn("XLK.csv", "XLE.csv");
        }
        assertThat(Files.readString(unpacked.entries().stream().filter(e -> e.label().endsWith("XLE.csv")).findFirst().orElseThrow().path()))
                .isEqualTo("symbol,weight\nXOM,100\n");
        assertThat(archives.unpack(archive, "week47.zip").entries()).as("the same archive again, in the same folder")
                .extracting(ZipArchives.Entry::path).containsExactlyInAnyOrderElementsOf(unpacked.entries().stream().map(ZipArchives.Entry::path).toList());
    }

    @Test
    void entriesThatWouldLandOutsideTheFolderAreRefusedAndNothingIsWrittenThere() {
        for (String name : List.of("../evil.csv", "a/../../evil.csv", "/etc/evil.csv", "C:\\evil.csv", "..\\evil.csv")) {
            ZipArchives.Unpacked unpacked = archives.unpack(zip("slip.zip", Map.of(name, text("symbol,weight\nA,1\n"))), "slip.zip");
            assertThat(unpacked.refusal()).as(name).isNotNull();
            assertThat(unpacked.refusal().code()).as(name).isEqualTo("ZIP_PATH_OUTSIDE");
            assertThat(unpacked.refusal().file()).isEqualTo("slip.zip");
            assertThat(unpacked.refusal().message()).contains(name.length() > 3 ? name.substring(0, 3) : name);
        }
        assertThat(files.directory().resolve("evil.csv")).doesNotExist();
    }

    @Test
    void aZipBombIsRefusedWhileItExpandsAndTooManyEntriesBeforeAnyIs() {
        ZipArchives.Unpacked bomb = archives.unpack(zip("bomb.zip", Map.of("XLK.csv", new byte[30 * 1024 * 1024])), "bomb.zip");
        assertThat(bomb.refusal().code()).isEqualTo("ZIP_BOMB");
        assertThat(bomb.refusal().message()).startsWith("entry 'XLK.csv': it expands more than 100 times");

        Map<String, byte[]> many = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("F" + i + ".csv", text("symbol,weight\nA,1\n"));
        }
        assertThat(archives.unpack(zip("many.zip", many), "many.zip").refusal().code()).isEqualTo("ZIP_TOO_MANY_ENTRIES");
    }

    @Test
    void entriesPastTheFileSizeOrTheArchivePastItsTotalAreRefused() {
        byte[] random = new byte[300 * 1024];
        new Random(7).nextBytes(random); // incompressible: no bomb, just large
        ZipArchives small = new ZipArchives(properties(DataSize.ofKilobytes(200), 10, DataSize.ofKilobytes(500)));
        assertThat(small.unpack(zip("big.zip", Map.of("XLK.csv", random)), "big.zip").refusal().message())
                .contains("entry 'XLK.csv'").contains("relationships.load.max-file-size");

        ZipArchives tight = new ZipArchives(properties(DataSize.ofKilobytes(400), 10, DataSize.ofKilobytes(500)));
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("A.csv", random);
        two.put("B.csv", random);
        assertThat(tight.unpack(zip("two.zip", two), "two.zip").refusal().message()).contains("relationships.load.archives.max-total-size");
    }

    @Test
    void nestedArchivesDuplicateNamesUnreadableAndEmptyArchivesAreRefusedByName() {
        assertThat(archives.unpack(zip("nested.zip", Map.of("inner.zip", text("PK"))), "nested.zip").refusal().code()).isEqualTo("ZIP_NESTED");
        assertThat(archives.unpack(zip("dupe.zip", Map.of("a/XLK.csv", text("x"), "b/XLK.csv", text("y"))), "dupe.zip").refusal().code())
                .isEqualTo("ZIP_DUPLICATE_NAME");
        assertThat(archives.unpack(files.write("not.zip", text("symbol,weight\n")), "not.zip").refusal().code()).isEqualTo("ZIP_UNREADABLE");
        assertThat(archives.unpack(zip("notes.zip", Map.of("README.md", text("x"))), "notes.zip").refusal().code()).isEqualTo("ZIP_EMPTY");
        assertThat(archives.unpack(zip("odd.zip", Map.of("XLK;rm -rf.csv", text("x"))), "odd.zip").refusal().code()).isEqualTo("ZIP_BAD_NAME");
    }
}
