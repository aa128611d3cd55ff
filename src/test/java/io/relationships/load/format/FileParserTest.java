package io.relationships.load.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import io.relationships.load.Finding;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

public class FileParserTest {

    private final FileParser parser = new FileParser();

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/fixtures/formats", name));
    }

    private static List<String> symbols(ParsedFile parsed) {
        return parsed.rows().stream().map(r -> r.text(Field.SYMBOL)).toList();
    }

    private static List<String> codes(ParsedFile parsed) {
        return parsed.findings().stream().map(Finding::code).toList();
    }

    @Test
    void iSharesCsvIsFoundByItsHeaderBehindThePreambleAndStopsAtTheFooter() throws IOException {
        ParsedFile parsed = parser.parse("ITOT_holdings.csv", fixture("ITOT_holdings.csv"), FileParser.Kind.HOLDINGS);
        assertThat(parsed.format()).isEqualTo(SourceFormat.ISHARES_CSV);
        assertThat(parsed.asOf()).isEqualTo(LocalDate.of(2025, 5, 8));
        assertThat(parsed.fundName()).isEqualTo("iShares Example Total Market ETF");
        assertThat(symbols(parsed)).containsExactly("AAPL", "BRKB", "XOM");
        assertThat(parsed.rows().get(0).line()).isEqualTo(11);
        assertThat(parsed.rows().get(0).text(Field.WEIGHT)).isEqualTo("40.50");
        assertThat(parsed.rows().get(0).text(Field.SHARES)).isEqualTo("6,000.00");
        assertThat(parsed.hasErrors()).isFalse();
        // cash, futures and the equity row without a ticker are skipped and said so
        assertThat(parsed.findings()).extracting(Finding::message)
                .anyMatch(m -> m.contains("2 row(s) not equities") || m.contains("not equities (Cash)"))
                .anyMatch(m -> m.contains("without a ticker"));
    }

    @Test
    void anIsharesFileWithoutHoldingsDataIsRejected() {
        String text = "iShares Example\nFund Holdings as of,\"-\"\n\nTicker,Name,Sector,Asset Class,Market Value,Weight (%)\n";
        ParsedFile parsed = parser.parse("IVV_holdings.csv", text.getBytes(StandardCharsets.UTF_8), FileParser.Kind.HOLDINGS);
        assertThat(codes(parsed)).contains("NO_HOLDINGS_DATA");
    }

    @Test
    void invescoCsvTakesTheFundFromItsColumnAndTrimsPaddedTickers() throws IOException {
        ParsedFile parsed = parser.parse("qqq_holdings.csv", fixture("qqq_holdings.csv"), FileParser.Kind.HOLDINGS);
        assertThat(parsed.format()).isEqualTo(SourceFormat.INVESCO_CSV);
        assertThat(parsed.fundSymbol()).isEqualTo("QQQ");
        assertThat(parsed.asOf()).isEqualTo(LocalDate.of(2025, 4, 28));
        assertThat(symbols(parsed)).containsExactly("AAPL", "GOOGL", "GOOG");
        assertThat(parsed.hasErrors()).isFalse();
    }

    @Test
    void arkCsvSkipsCashRowsAndTheDisclaimerFooter() throws IOException {
        ParsedFile parsed = parser.parse("ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv", fixture("ARK_INNOVATION_ETF_ARKK_HOLDINGS.csv"),
                FileParser.Kind.HOLDINGS);
        assertThat(parsed.format()).isEqualTo(SourceFormat.ARK_CSV);
        assertThat(parsed.fundSymbol()).isEqualTo("ARKK");
        assertThat(parsed.asOf()).isEqualTo(LocalDate.of(2024, 6, 4));
        assertThat(symbols(parsed)).containsExactly("TSLA", "COIN");
        assertThat(parsed.rows().get(0).text(Field.WEIGHT)).isEqualTo("60.00%");
        assertThat(codes(parsed)).containsExactly("ROWS_SKIPPED");
    }

    @Test
    void jsonArrayDropsJunkRows() throws IOException {
        ParsedFile parsed = parser.parse("VGT.json", fixture("VGT.json"), FileParser.Kind.HOLDINGS);
        assertThat(parsed.format()).isEqualTo(SourceFormat.JSON);
        assertThat(symbols(parsed)).containsExactly("NVDA", "MSFT");
        assertThat(parsed.rows().get(1).line()).isEqualTo(3);
        assertThat(parsed.asOf()).isNull();
    }

    @Test
    void jsonObjectCarriesFundAndAsOf() throws IOException {
        ParsedFile parsed = parser.parse("XLU.json", fixture("XLU.json"), FileParser.Kind.HOLDINGS);
        assertThat(parsed.fundSymbol()).isEqualTo("XLU");
        assertThat(parsed.asOf()).isEqualTo(LocalDate.of(2025, 11, 18));
        assertThat(parsed.issuer()).isEqualTo("Example Issuer");
        assertThat(parsed.rows().get(0).text(Field.MARKET_VALUE)).isEqualTo("1,000");
    }

    @Test
    void malformedJsonIsLocated() {
        ParsedFile parsed = parser.parse("bad.json", "[\n {\"ticker\": \"AAPL\",\n  \"weight\": }\n]".getBytes(StandardCharsets.UTF_8),
                FileParser.Kind.HOLDINGS);
        Finding finding = parsed.findings().get(0);
        assertThat(finding.code()).isEqualTo("INVALID_JSON");
        assertThat(finding.line()).isEqualTo(3);
        assertThat(finding.column()).isNotNull();
    }

    @Test
    void standardCsvReadsItsDeclarationsAndKeepsLineNumbers() throws IOException {
        ParsedFile parsed = parser.parse("SPY_standard.csv", fixture("SPY_standard.csv"), FileParser.Kind.HOLDINGS);
        assertThat(parsed.format()).isEqualTo(SourceFormat.STANDARD_CSV);
        assertThat(parsed.fundSymbol()).isEqualTo("SPY");
        assertThat(parsed.asOf()).isEqualTo(LocalDate.of(2025, 11, 14));
        assertThat(parsed.rows()).extracting(RawRow::line).containsExactly(6, 7, 8);
    }

    @Test
    void aPublishedConstituentsListLoadsAsItIsThroughColumnAliases() throws IOException {
        ParsedFile parsed = parser.parse("sp500.csv", fixture("sp500.csv"), FileParser.Kind.UNIVERSE);
        assertThat(parsed.format()).isEqualTo(SourceFormat.STANDARD_CSV);
        assertThat(parsed.rows().get(0).text(Field.NAME)).isEqualTo("3M");
        assertThat(parsed.rows().get(0).text(Field.SECTOR)).isEqualTo("Industrials");
        assertThat(parsed.rows().get(0).text(Field.INDUSTRY)).isEqualTo("Industrial Conglomerates");
        assertThat(parsed.hasErrors()).isFalse();
    }

    @Test
    void ssgaWorkbookReadsPreambleAndStopsBeforeTheDisclaimer() throws IOException {
        ParsedFile parsed = parser.parse("holdings-daily-us-en-spy.xlsx", ssgaWorkbook("SPY"), FileParser.Kind.HOLDINGS);
        assertThat(parsed.format()).isEqualTo(SourceFormat.SSGA_XLSX);
        assertThat(parsed.fundSymbol()).isEqualTo("SPY");
        assertThat(parsed.fundName()).isEqualTo("SPDR S&P 500 ETF Trust");
        assertThat(parsed.asOf()).isEqualTo(LocalDate.of(2025, 11, 18));
        assertThat(symbols(parsed)).containsExactly("NVDA", "BRK.B");
        assertThat(parsed.rows().get(0).line()).isEqualTo(6);
        assertThat(parsed.rows().get(0).text(Field.WEIGHT)).isEqualTo("60.830057");
        assertThat(codes(parsed)).containsExactly("ROWS_SKIPPED");
    }

    /** An SSGA-shaped workbook: three preamble rows, the header on row 5, holdings, cash, a blank row, a disclaimer. */
    public static byte[] ssgaWorkbook(String fund) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("holdings");
            row(sheet, 0, "Fund Name:", "SPDR S&P 500 ETF Trust");
            row(sheet, 1, "Ticker Symbol:", fund);
            row(sheet, 2, "Holdings:", "As of 18-Nov-2025");
            row(sheet, 4, "Name", "Ticker", "Identifier", "SEDOL", "Weight", "Sector", "Shares Held", "Local Currency");
            var nvda = row(sheet, 5, "NVIDIA CORP", "NVDA", "67066G104", "2379504", null, "-", null, "USD");
            nvda.createCell(4).setCellValue(60.830057);
            nvda.createCell(6).setCellValue(2.93804757E8);
            var brk = row(sheet, 6, "BERKSHIRE HATHAWAY INC CL B", "BRK.B", "084670702", "2073390", null, "-", null, "USD");
            brk.createCell(4).setCellValue(39.069943);
            var cash = row(sheet, 7, "US DOLLAR", "-", "CASH_USD", "", null, "-", null, "USD");
            cash.createCell(4).setCellValue(0.1);
            row(sheet, 10, "Before investing, consider the funds' investment objectives, risks, charges and expenses.");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static Row row(XSSFSheet sheet, int index, String... values) {
        var row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
        return row;
    }

    @Test
    void garbageWithAZipHeaderIsAnUnreadableWorkbook() {
        byte[] bytes = {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6};
        assertThat(codes(parser.parse("x.xlsx", bytes, FileParser.Kind.HOLDINGS))).containsExactly("UNREADABLE_XLSX");
    }

    @Test
    void binaryGarbageIsNamedAsSuch() {
        byte[] bytes = new byte[512];
        new Random(7).nextBytes(bytes);
        bytes[3] = 0;
        assertThat(codes(parser.parse("x.csv", bytes, FileParser.Kind.HOLDINGS))).containsExactly("BINARY_FILE");
    }

    @Test
    void anotherDelimiterIsRecognisedAndNamed() {
        ParsedFile parsed = parser.parse("x.csv", "symbol;name;weight\nAAPL;Apple;50\n".getBytes(StandardCharsets.UTF_8), FileParser.Kind.HOLDINGS);
        assertThat(parsed.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("WRONG_DELIMITER");
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.message()).contains("';'");
        });
    }

    @Test
    void anUnknownHeaderIsReportedWithWhatTheFileSays() {
        ParsedFile parsed = parser.parse("x.csv", "foo,bar\n1,2\n".getBytes(StandardCharsets.UTF_8), FileParser.Kind.HOLDINGS);
        assertThat(parsed.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("UNKNOWN_FORMAT");
            assertThat(f.message()).contains("foo,bar");
        });
    }

    @Test
    void aStrayQuoteIsReportedWhereItOpens() {
        StringBuilder text = new StringBuilder("symbol,name,weight\nAAPL,\"Apple,50\n");
        for (int i = 0; i < 30; i++) {
            text.append("X").append(i).append(",Name,1\n");
        }
        ParsedFile parsed = parser.parse("x.csv", text.toString().getBytes(StandardCharsets.UTF_8), FileParser.Kind.HOLDINGS);
        assertThat(parsed.findings()).extracting(Finding::code).contains("UNTERMINATED_QUOTE");
        assertThat(parsed.findings()).filteredOn(f -> f.code().equals("UNTERMINATED_QUOTE")).extracting(Finding::line).containsExactly(2);
    }

    @Test
    void aWindows1252FileIsReadWithAWarningButMixedEncodingsAreRejected() {
        byte[] windows = "symbol,name,weight\nNSRGY,Nestl\u00e9 SA,100\n".getBytes(Charset.forName("windows-1252"));
        ParsedFile latin = parser.parse("x.csv", windows, FileParser.Kind.HOLDINGS);
        assertThat(codes(latin)).containsExactly("NOT_UTF8");
        assertThat(latin.rows().get(0).text(Field.NAME)).isEqualTo("Nestl\u00e9 SA");

        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes("symbol,name,weight\nSAN,Soci\u00e9t\u00e9 G\u00e9n\u00e9rale,50\n".getBytes(StandardCharsets.UTF_8));
        mixed.writeBytes("NSRGY,Nestl\u00e9 SA,50\n".getBytes(Charset.forName("windows-1252")));
        ParsedFile both = parser.parse("x.csv", mixed.toByteArray(), FileParser.Kind.HOLDINGS);
        assertThat(both.findings()).filteredOn(Finding::isError).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("MIXED_ENCODING");
            assertThat(f.line()).isEqualTo(3);
        });
    }
}
