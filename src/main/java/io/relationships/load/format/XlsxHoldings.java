package io.relationships.load.format;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * SSGA/SPDR workbooks: a few preamble rows ({@code Fund Name:}, {@code Ticker Symbol:}, {@code Holdings: As of
 * 18-Nov-2025}), the header {@code Name, Ticker, Identifier, SEDOL, Weight, Sector, Shares Held, …}, the holdings,
 * then disclaimer rows after a blank row. Row numbers in findings are the sheet's own.
 */
final class XlsxHoldings implements HoldingsFormat {

    @Override
    public SourceFormat format() {
        return SourceFormat.SSGA_XLSX;
    }

    /** A ZIP container: what a workbook is (whether it is a readable one, reading says). */
    @Override
    public boolean recognises(FileContent content) {
        byte[] bytes = content.bytes();
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    @Override
    public ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings) {
        String file = content.file();
        List<CsvRecord> records = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content.bytes()))) {
            if (workbook.getNumberOfSheets() == 0) {
                return ParsedFile.failed(findings, Finding.error(file, null, "EMPTY_FILE", "the workbook has no sheets"));
            }
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.US);
            for (Row row : sheet) {
                int width = Math.max(0, row.getLastCellNum());
                String[] cells = new String[width];
                for (int c = 0; c < width; c++) {
                    cells[c] = text(row.getCell(c), formatter);
                }
                // pad the gaps between physical rows so that record numbers stay sheet row numbers
                while (records.size() < row.getRowNum()) {
                    records.add(new CsvRecord(records.size() + 1, 1, new String[0]));
                }
                records.add(new CsvRecord(row.getRowNum() + 1, 1, cells));
            }
        } catch (Exception e) {
            return ParsedFile.failed(findings, Finding.error(file, null, "UNREADABLE_XLSX", unreadable(e)));
        }
        Optional<Integer> header = Table.findHeader(records, FileContent.HEADER_SEARCH_LINES, r -> {
            var fields = Table.fields(r.cells());
            return fields.containsKey(Field.SYMBOL) && fields.containsKey(Field.WEIGHT);
        });
        if (header.isEmpty()) {
            return ParsedFile.failed(findings, Finding.error(file, null, "UNKNOWN_FORMAT",
                    "no header row with 'Ticker' and 'Weight' columns in the first 40 rows of the first sheet"));
        }
        String fundName = null;
        String fundSymbol = null;
        String asOfText = null;
        for (int i = 0; i < header.get(); i++) {
            CsvRecord r = records.get(i);
            String label = r.cell(0) == null ? "" : r.cell(0).strip().toLowerCase(Locale.ROOT);
            String value = FileFacts.clean(r.cell(1));
            switch (label) {
                case "fund name:" -> fundName = value;
                case "ticker symbol:" -> fundSymbol = value;
                case "holdings:" -> asOfText = value;
                default -> {
                }
            }
        }
        LocalDate asOf = null;
        if (asOfText == null) {
            findings.add(Finding.error(file, null, "AS_OF_MISSING",
                    "no 'Holdings: As of …' row before the header: the workbook does not say what date its holdings are from"));
        } else {
            asOf = FileFacts.parseAsOf(file, asOfText, findings);
        }
        Table table = Table.extract(records, header.get(), Table.Layout.ISSUER, file, findings);
        List<RawRow> rows = SkippedRows.skip(file, table.rows(),
                row -> SkippedRows.junkTicker(row.text(Field.SYMBOL)) ? "without a ticker (cash)"
                        : SkippedRows.future(row) ? "of index futures" : null, findings);
        return new ParsedFile(SourceFormat.SSGA_XLSX, fundSymbol, fundName, "State Street (SSGA)", asOf, asOfText, rows, Map.of(), findings);
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            // the stored value, not the displayed one: 7.830057 rather than 7.83, 293804757 rather than 2.94E+08
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return formatter.formatCellValue(cell);
    }

    /** Why a workbook cannot be read, in words for an operator (not the library's stack of causes). */
    static String unreadable(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Zip bomb")) {
            return "the workbook would expand to far more than its size (a zip bomb?); it is refused";
        }
        if (message.contains("DOCTYPE")) {
            return "the workbook declares a DOCTYPE (external entities are refused); save it again from a spreadsheet program";
        }
        if (message.contains("Truncated") || message.contains("zip") || message.contains("Zip")) {
            return "not a readable XLSX workbook: the file is cut short or not a workbook (" + message.lines().findFirst().orElse("") + ")";
        }
        return "not a readable XLSX workbook (" + message.lines().findFirst().orElse("") + ")";
    }
}
