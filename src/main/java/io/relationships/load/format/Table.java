package io.relationships.load.format;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/** The header of a table and the data rows under it, located by content in a CSV file or a sheet. */
final class Table {

    /** How the rows below a header end. */
    enum Layout {
        /** our own files: every line below the header is data; blank lines are skipped, a short line is an error */
        STRICT,
        /** issuer downloads: the table ends at a blank line or a one-cell line (the legal footer) */
        ISSUER
    }

    private final Map<Field, Integer> columns;
    private final String[] headers;
    private final List<RawRow> rows;

    private Table(Map<Field, Integer> columns, String[] headers, List<RawRow> rows) {
        this.columns = columns;
        this.headers = headers;
        this.rows = rows;
    }

    List<RawRow> rows() {
        return rows;
    }

    boolean has(Field field) {
        return columns.containsKey(field);
    }

    String[] headers() {
        return headers;
    }

    /** The fields a header row names; empty when it names no symbol column. */
    static Map<Field, Integer> fields(String[] header) {
        Map<Field, Integer> fields = new EnumMap<>(Field.class);
        for (int i = 0; i < header.length; i++) {
            int column = i;
            Field.forHeader(header[i]).ifPresent(field -> fields.putIfAbsent(field, column));
        }
        return fields;
    }

    /** Index of the first record (among the first {@code limit}) for which {@code isHeader} holds. */
    static Optional<Integer> findHeader(List<CsvRecord> records, int limit, Predicate<CsvRecord> isHeader) {
        for (int i = 0; i < Math.min(limit, records.size()); i++) {
            if (isHeader.test(records.get(i))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    static Table extract(List<CsvRecord> records, int headerIndex, Layout layout, String file, List<Finding> findings) {
        String[] headers = records.get(headerIndex).cells();
        Map<Field, Integer> columns = fields(headers);
        List<RawRow> rows = new ArrayList<>();
        for (int i = headerIndex + 1; i < records.size(); i++) {
            CsvRecord record = records.get(i);
            if (record.isBlank()) {
                if (layout == Layout.ISSUER && !rows.isEmpty()) {
                    break; // the footer follows
                }
                continue;
            }
            if (record.lines() > 20) {
                findings.add(Finding.error(file, record.line(), "UNTERMINATED_QUOTE",
                        "a quote opened on line " + record.line() + " is not closed for " + record.lines()
                                + " lines; check for a stray '\"'"));
                break;
            }
            if (layout == Layout.ISSUER && headers.length > 2 && record.nonBlankCells() == 1 && record.cell(0) != null
                    && !record.cell(0).isBlank() && record.cells().length < headers.length) {
                break; // a disclaimer line
            }
            if (layout == Layout.STRICT && record.cells().length != headers.length) {
                findings.add(Finding.error(file, record.line(), "COLUMN_COUNT",
                        "this line has " + record.cells().length + " column(s), the header has " + headers.length
                                + "; check for an unquoted comma or a missing value"));
                continue;
            }
            List<Integer> missing = columns.values().stream().filter(index -> index >= record.cells().length).sorted().toList();
            if (!missing.isEmpty()) {
                findings.add(Finding.error(file, record.line(), "SHORT_ROW", "this line has " + record.cells().length
                                + " field(s), the header has " + headers.length + "; missing: "
                                + String.join(", ", missing.stream().map(index -> "'" + headers[index].strip() + "'").toList())
                                + " (a truncated line?)")
                        .at(missing.get(0) + 1, headers[missing.get(0)]));
                continue;
            }
            Map<Field, Cell> cells = new EnumMap<>(Field.class);
            columns.forEach((field, index) -> {
                String value = record.cell(index);
                cells.put(field, new Cell(value, index + 1, headers[index]));
            });
            rows.add(new RawRow(record.line(), cells));
        }
        return new Table(columns, headers, rows);
    }
}
