package io.relationships.load.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every format has one home: each file of {@code fixtures/formats} (and an SSGA workbook) is offered to every format
 * and exactly one of the issuers' formats claims it — or none does, and the standard CSV, the general format asked
 * last, takes it. A new format that claims another's files, or a fixture nobody claims, fails here.
 */
class HoldingsFormatTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/formats");
    private static final String WORKBOOK = "holdings-daily-us-en-spy.xlsx";

    /** Each fixture and the format it is in; a new fixture is added here too. */
    private static final Map<String, SourceFormat> EXPECTED = Map.of(
            "ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv", SourceFormat.ARK_CSV,
            "ITOT_holdings.csv", SourceFormat.ISHARES_CSV,
            "SPY_standard.csv", SourceFormat.STANDARD_CSV,
            "VGT.json", SourceFormat.JSON,
            "XLU.json", SourceFormat.JSON,
            "qqq_holdings.csv", SourceFormat.INVESCO_CSV,
            "sp500.csv", SourceFormat.STANDARD_CSV,
            WORKBOOK, SourceFormat.SSGA_XLSX);

    @Test
    void eachFormatIsOneClassAndTheGeneralOneIsAskedLast() {
        List<SourceFormat> formats = FileParser.FORMATS.stream().map(HoldingsFormat::format).toList();
        assertThat(formats).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(SourceFormat.THEMES_CSV)));
        assertThat(FileParser.FORMATS.get(FileParser.FORMATS.size() - 1)).isInstanceOf(StandardCsv.class);
    }

    @Test
    void everyFixtureIsClaimedByExactlyOneFormat() throws IOException {
        Map<String, byte[]> files = fixtures();
        assertThat(files.keySet()).as("every fixture says which format it is in").isEqualTo(EXPECTED.keySet());

        List<HoldingsFormat> issuers = FileParser.FORMATS.subList(0, FileParser.FORMATS.size() - 1);
        HoldingsFormat general = FileParser.FORMATS.get(FileParser.FORMATS.size() - 1);
        Set<SourceFormat> homes = EnumSet.noneOf(SourceFormat.class);
        files.forEach((name, bytes) -> {
            FileContent content = decodedAsFarAsItGoes(name, bytes);
            List<SourceFormat> claims = issuers.stream().filter(format -> format.recognises(content)).map(HoldingsFormat::format).toList();
            assertThat(claims).as("the issuers' formats that claim %s", name).hasSizeLessThanOrEqualTo(1);
            SourceFormat home = claims.isEmpty() ? general.format() : claims.get(0);
            if (claims.isEmpty()) {
                assertThat(general.recognises(content)).as("the standard CSV takes %s, which no issuer claims", name).isTrue();
            }
            assertThat(home).as(name).isEqualTo(EXPECTED.get(name));

            FileParser.Kind kind = name.equals("sp500.csv") ? FileParser.Kind.UNIVERSE : FileParser.Kind.HOLDINGS;
            ParsedFile parsed = new FileParser().parse(name, bytes, kind);
            assertThat(parsed.format()).as("what the parser reads %s as", name).isEqualTo(home);
            assertThat(parsed.hasErrors()).as("%s: %s", name, parsed.findings()).isFalse();
            homes.add(home);
        });
        assertThat(homes).as("every format is the home of a fixture")
                .isEqualTo(FileParser.FORMATS.stream().map(HoldingsFormat::format).collect(Collectors.toSet()));
    }

    /** The content with everything there is to decode: bytes, text when it is text, records when it splits as CSV. */
    private static FileContent decodedAsFarAsItGoes(String name, byte[] bytes) {
        FileContent content = FileContent.of(name, bytes);
        if (TextDecoder.looksBinary(bytes)) {
            return content;
        }
        content = content.withText(TextDecoder.decode(bytes, name, new ArrayList<>()));
        try {
            return content.withCsv(FileParser.csv(content.text()));
        } catch (IllegalArgumentException notCsv) {
            return content;
        }
    }

    private static Map<String, byte[]> fixtures() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(FIXTURES)) {
            for (Path path : paths.sorted().toList()) {
                files.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        files.put(WORKBOOK, FileParserTest.ssgaWorkbook("SPY"));
        return files;
    }
}
