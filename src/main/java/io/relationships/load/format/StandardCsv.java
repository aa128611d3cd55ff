package io.relationships.load.format;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * The project's own CSV: optional {@code # key: value} lines (fund, name, issuer, as_of, holdings, weight_unit),
 * then a header with a symbol (and, for holdings, a weight) column on the first line, then one row per security.
 * It is the general CSV: it takes any CSV whose first line names a symbol column, so {@link FileParser#FORMATS}
 * asks it after the issuers' layouts.
 */
final class StandardCsv implements HoldingsFormat {

    @Override
    public SourceFormat format() {
        return SourceFormat.STANDARD_CSV;
    }

    @Override
    public boolean recognises(FileContent content) {
        return content.firstLine().map(i -> names(content.csv().records().get(i), Field.SYMBOL)).orElse(false);
    }

    @Override
    public ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings) {
        String file = content.file();
        List<CsvRecord> records = content.csv().records();
        Map<String, String> declared = content.csv().declared();
        int header = content.firstLine().orElseThrow();
        CsvRecord headerRecord = records.get(header);
        if (kind == FileParser.Kind.HOLDINGS && !names(headerRecord, Field.WEIGHT)) {
            return ParsedFile.failed(findings, Finding.error(file, headerRecord.line(), "MISSING_COLUMN",
                    "required column 'weight' is missing; the header has: " + Finding.excerpt(String.join(", ", headerRecord.cells()))));
        }
        Table table = Table.extract(records, header, Table.Layout.STRICT, file, findings);
        if (table.rows().isEmpty()) {
            findings.add(Finding.error(file, headerRecord.line(), "NO_ROWS", "the file has a header but no data rows"));
        }
        String asOfText = declared.get("as_of");
        if (asOfText == null && table.has(Field.DATE)) {
            asOfText = FileFacts.single(file, table.rows(), Field.DATE, "date", findings);
        }
        LocalDate asOf = asOfText == null ? null : FileFacts.parseAsOf(file, asOfText, findings);
        return new ParsedFile(SourceFormat.STANDARD_CSV, declared.get("fund"), declared.get("name"), declared.get("issuer"),
                asOf, asOfText, table.rows(), Map.copyOf(declared), findings);
    }

    private static boolean names(CsvRecord header, Field field) {
        return Table.fields(header.cells()).containsKey(field);
    }
}
