package io.relationships.load.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * A small CSV with a header row — screener exports, curated classifications, manifests, mapping tables — read
 * exactly as the holdings files are: RFC 4180 quoting (a quoted name may hold commas and line breaks), UTF-8 with
 * Windows-1252 lines recognised and reported, and every row with the line it starts on. Blank lines and lines
 * starting with {@code #} are skipped. Reading never throws: an unreadable file gives a finding and no table.
 */
public final class CsvTable {

    /** A data row: the line it starts on and its cells (fewer than the header's when the line is short). */
    public record Row(int line, String[] cells) {

        /** The cell in {@code column}, or null when the row is shorter. */
        public String cell(int column) {
            return column >= 0 && column < cells.length ? cells[column] : null;
        }

        /** The cell stripped, or null when it is absent or blank. */
        public String text(int column) {
            String cell = cell(column);
            return cell == null || cell.isBlank() ? null : cell.strip();
        }
    }

    private final String[] header;
    private final int headerLine;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    private CsvTable(String[] header, int headerLine, List<Row> rows) {
        this.header = header;
        this.headerLine = headerLine;
        this.rows = List.copyOf(rows);
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            byName.putIfAbsent(Field.normalise(header[i]), i);
        }
        this.columns = Map.copyOf(byName);
    }

    /** Reads {@code bytes} (named {@code file} in findings); empty, with an error in {@code findings}, when unreadable. */
    public static Optional<CsvTable> read(String file, byte[] bytes, List<Finding> findings) {
        if (TextDecoder.looksBinary(bytes)) {
            findings.add(Finding.error(file, null, "BINARY_FILE", "the file holds binary data, not CSV text"));
            return Optional.empty();
        }
        List<CsvRecord> records;
        try {
            records = CsvRecords.read(TextDecoder.decode(bytes, file, findings), ',');
        } catch (CsvRecords.UnterminatedQuote e) {
            findings.add(Finding.error(file, e.line(), "UNTERMINATED_QUOTE", e.getMessage()));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error(file, null, "UNREADABLE_CSV", "not readable as CSV: " + e.getMessage()));
            return Optional.empty();
        }
        String[] header = null;
        int headerLine = 0;
        List<Row> rows = new ArrayList<>();
        for (CsvRecord record : records) {
            if (record.isBlank() || (record.cell(0) != null && record.cell(0).strip().startsWith("#"))) {
                continue;
            }
            if (header == null) {
                header = record.cells();
                headerLine = record.line();
            } else {
                rows.add(new Row(record.line(), record.cells()));
            }
        }
        if (header == null) {
            findings.add(Finding.error(file, null, "EMPTY_FILE", "the file holds no header and no rows"));
            return Optional.empty();
        }
        return Optional.of(new CsvTable(header, headerLine, rows));
    }

    /** The first column whose header is one of {@code names} (compared as header cells are: case and spacing aside). */
    public OptionalInt column(String... names) {
        for (String name : names) {
            Integer index = columns.get(Field.normalise(name));
            if (index != null) {
                return OptionalInt.of(index);
            }
        }
        return OptionalInt.empty();
    }

    /** The header cell of {@code column}, as written. */
    public String header(int column) {
        return header[column].replace("\uFEFF", "").strip();
    }

    public int headerLine() {
        return headerLine;
    }

    public List<Row> rows() {
        return rows;
    }
}
