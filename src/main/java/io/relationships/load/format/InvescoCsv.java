package io.relationships.load.format;

import java.util.List;
import java.util.Map;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * Invesco CSV: {@code Fund Ticker, Security Identifier, Holding Ticker, …, Date}, the fund and the date repeated
 * on every row (MM/dd/yyyy). Rows without a ticker (cash) are skipped and said so.
 */
final class InvescoCsv implements HoldingsFormat {

    @Override
    public SourceFormat format() {
        return SourceFormat.INVESCO_CSV;
    }

    @Override
    public boolean recognises(FileContent content) {
        return content.header(InvescoCsv::isHeader).isPresent();
    }

    private static boolean isHeader(CsvRecord record) {
        return record.hasColumn("fund ticker") && record.hasColumn("holding ticker");
    }

    @Override
    public ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings) {
        String file = content.file();
        Table table = Table.extract(content.csv().records(), content.header(InvescoCsv::isHeader).orElseThrow(),
                Table.Layout.ISSUER, file, findings);
        FileFacts.ColumnFacts facts = FileFacts.fromColumns(file, table.rows(), "fund ticker", "Date", findings);
        List<RawRow> rows = SkippedRows.skip(file, table.rows(),
                row -> SkippedRows.junkTicker(row.text(Field.SYMBOL)) ? "without a ticker (cash)" : null, findings);
        return new ParsedFile(SourceFormat.INVESCO_CSV, facts.fund(), null, "Invesco", facts.asOf(), facts.asOfText(), rows, Map.of(), findings);
    }
}
