package io.relationships.load.format;

import java.util.List;
import java.util.function.Predicate;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * An issuer's CSV layout, told by its header row wherever that row is (after a preamble or not): what iShares,
 * Invesco and ARK files share. A subclass says which header is its own and reads the table found under it.
 */
abstract class IssuerCsv implements HoldingsFormat {

    private final SourceFormat format;
    private final Predicate<CsvRecord> header;

    IssuerCsv(SourceFormat format, Predicate<CsvRecord> header) {
        this.format = format;
        this.header = header;
    }

    @Override
    public final SourceFormat format() {
        return format;
    }

    @Override
    public final boolean recognises(FileContent content) {
        return content.header(header).isPresent();
    }

    @Override
    public final ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings) {
        List<CsvRecord> records = content.csv().records();
        int headerIndex = content.header(header).orElseThrow();
        Table table = Table.extract(records, headerIndex, Table.Layout.ISSUER, content.file(), findings);
        return read(content.file(), records.subList(0, headerIndex), table, findings);
    }

    /** Reads the holdings under the header; {@code preamble} holds the records before it. */
    abstract ParsedFile read(String file, List<CsvRecord> preamble, Table table, List<Finding> findings);

    /** Rows without a ticker skipped, each said so with {@code what} they were. */
    static List<RawRow> withTickers(String file, Table table, String what, List<Finding> findings) {
        return SkippedRows.skip(file, table.rows(),
                row -> SkippedRows.junkTicker(row.text(Field.SYMBOL)) ? "without a ticker (" + what + ")" : null, findings);
    }
}
