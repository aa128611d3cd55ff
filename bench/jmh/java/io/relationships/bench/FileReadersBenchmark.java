package io.relationships.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.relationships.load.format.FileParser;
import io.relationships.load.format.ParsedFile;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Rows per second the readers turn into checked rows, per format, for a 3,000-holding file (a total-market fund's size). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FileReadersBenchmark {

    static final int ROWS = 3_000;

    @Param({"standard_csv", "ishares_csv", "invesco_csv", "ark_csv", "json", "ssga_xlsx"})
    public String format;

    private final FileParser parser = new FileParser();
    private byte[] content;
    private String name;

    @Setup
    public void write() throws IOException {
        StringBuilder text = new StringBuilder();
        switch (format) {
            case "standard_csv" -> {
                name = "BENCH.csv";
                text.append("# fund: BENCH\n# as_of: 2025-11-14\nsymbol,name,weight,sector\n");
                for (int i = 0; i < ROWS; i++) {
                    text.append(symbol(i)).append(",\"Company ").append(i).append(", Inc.\",").append(weight()).append(",Information Technology\n");
                }
            }
            case "ishares_csv" -> {
                name = "BENCH_holdings.csv";
                text.append("\uFEFFiShares Bench ETF\nFund Holdings as of,\"Nov 14, 2025\"\nInception Date,\"Jan 20, 2004\"\n")
                        .append("Shares Outstanding,\"1,000,000.00\"\nStock,\"-\"\nBond,\"-\"\nCash,\"-\"\nOther,\"-\"\n\u00a0\n")
                        .append("Ticker,Name,Sector,Asset Class,Market Value,Weight (%),Notional Value,Quantity,Price,Location,Exchange,Currency,FX Rate,Market Currency,Accrual Date\n");
                for (int i = 0; i < ROWS; i++) {
                    text.append(symbol(i)).append(",COMPANY ").append(i).append(",Information Technology,Equity,\"1,234,567.89\",")
                            .append(weight()).append(",\"1,234,567.89\",\"12,345.00\",100.00,United States,NASDAQ,USD,1.00,USD,-\n");
                }
                text.append("\n\"The content is for information only.\"\n");
            }
            case "invesco_csv" -> {
                name = "invesco_bench.csv";
                text.append("Fund Ticker,Security Identifier,Holding Ticker,Shares/Par Value,MarketValue,Weight,Name,Class of Shares,Sector,Date\n");
                for (int i = 0; i < ROWS; i++) {
                    text.append("BENCH,037833100,").append(String.format(Locale.ROOT, "%-10s", symbol(i))).append(",1000,100000,")
                            .append(weight()).append(",Company ").append(i).append(",Common Stock,Information Technology,11/14/2025\n");
                }
            }
            case "ark_csv" -> {
                name = "ARK_BENCH_ETF_ARKB_HOLDINGS.csv";
                text.append("date,fund,company,ticker,cusip,shares,\"market value ($)\",\"weight (%)\"\n");
                for (int i = 0; i < ROWS; i++) {
                    text.append("11/14/2025,ARKB,\"COMPANY ").append(i).append(" INC\",").append(symbol(i)).append(",037833100,\"1,234\",\"$1,234,567.89\",")
                            .append(weight()).append("%\n");
                }
                text.append("\"Investors should carefully consider the investment objectives and risks of the fund before investing.\"\n");
            }
            case "json" -> {
                name = "BENCH.json";
                text.append('[');
                for (int i = 0; i < ROWS; i++) {
                    text.append(i == 0 ? "" : ",").append("{\"ticker\":\"").append(symbol(i)).append("\",\"name\":\"Company ").append(i)
                            .append("\",\"sector\":\"Information Technology\",\"weight\":").append(weight()).append('}');
                }
                text.append(']');
            }
            case "ssga_xlsx" -> {
                name = "holdings-daily-us-en-bench.xlsx";
                content = workbook();
                check();
                return;
            }
            default -> throw new IllegalArgumentException(format);
        }
        content = text.toString().getBytes(StandardCharsets.UTF_8);
        check();
    }

    /** A benchmark of a reader that refuses the file, or reads fewer rows, would measure nothing. */
    private void check() {
        ParsedFile parsed = parser.parse(name, content, FileParser.Kind.HOLDINGS);
        if (parsed.hasErrors() || parsed.rows().size() != ROWS) {
            throw new IllegalStateException(format + ": " + parsed.rows().size() + " rows, " + parsed.findings());
        }
    }

    private static String symbol(int i) {
        StringBuilder s = new StringBuilder();
        int n = i + 26;
        while (n > 0) {
            s.append((char) ('A' + n % 26));
            n /= 26;
        }
        // iShares lists cash as a row whose ticker is its currency: a generated "USD" would be skipped as cash
        return s.toString().equals("USD") ? "USDQ" : s.toString();
    }

    private static String weight() {
        return String.format(Locale.ROOT, "%.4f", 100.0 / ROWS);
    }

    private static byte[] workbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("holdings");
            sheet.createRow(0).createCell(0).setCellValue("Fund Name:");
            sheet.getRow(0).createCell(1).setCellValue("SPDR Bench ETF");
            sheet.createRow(1).createCell(0).setCellValue("Ticker Symbol:");
            sheet.getRow(1).createCell(1).setCellValue("BENCH");
            sheet.createRow(2).createCell(0).setCellValue("Holdings:");
            sheet.getRow(2).createCell(1).setCellValue("As of 14-Nov-2025");
            String[] header = {"Name", "Ticker", "Identifier", "SEDOL", "Weight", "Sector", "Shares Held", "Local Currency"};
            var row = sheet.createRow(4);
            for (int c = 0; c < header.length; c++) {
                row.createCell(c).setCellValue(header[c]);
            }
            for (int i = 0; i < ROWS; i++) {
                var r = sheet.createRow(5 + i);
                r.createCell(0).setCellValue("COMPANY " + i);
                r.createCell(1).setCellValue(symbol(i));
                r.createCell(2).setCellValue("037833100");
                r.createCell(3).setCellValue("2046251");
                r.createCell(4).setCellValue(100.0 / ROWS);
                r.createCell(5).setCellValue("Information Technology");
                r.createCell(6).setCellValue(1000);
                r.createCell(7).setCellValue("USD");
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public ParsedFile parse() {
        return parser.parse(name, content, FileParser.Kind.HOLDINGS);
    }
}
