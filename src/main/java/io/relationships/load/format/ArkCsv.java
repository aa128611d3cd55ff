package io.relationships.load.format;

import java.util.List;
import java.util.Map;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * ARK CSV: {@code date, fund, company, ticker, cusip, shares, market value ($), weight (%)}, the fund and the date
 * repeated on every row, a disclaimer line at the end. Rows without a ticker (cash, money market, warrants) are
 * skipped and said so.
 */
final class ArkCsv implements HoldingsFormat {

    @Override
    public SourceFormat format() {
        return SourceFormat.ARK_CSV;
    }

    @Override
    public boolean recognises(FileContent content) {
        return content.header(ArkCsv::isHeader).isPresent();
    }

    private static boolean isHeader(CsvRecord record) {
        return record.hasColumn("date") && record.hasColumn("fund") && record.hasColumn("company") && record.hasColumn("ticker");
    }

    @Override
    public ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings) {
        String file = content.file();
        Table table = Table.extract(content.csv().records(), content.header(ArkCsv::isHeader).orElseThrow(),
                Table.Layout.ISSUER, file, findings);
        FileFacts.ColumnFacts facts = FileFacts.fromColumns(file, table.rows(), "fund", "date", findings);
        List<RawRow> rows = SkippedRows.skip(file, table.rows(),
                row -> SkippedRows.junkTicker(row.text(Field.SYMBOL)) ? "without a ticker (cash, money market, warrants)" : null, findings);
        return new ParsedFile(SourceFormat.ARK_CSV, facts.fund(), null, "ARK Invest", facts.asOf(), facts.asOfText(), rows, Map.of(), findings);
    }
}
