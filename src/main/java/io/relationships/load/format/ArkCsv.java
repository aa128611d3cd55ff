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
final class ArkCsv extends IssuerCsv {

    ArkCsv() {
        super(SourceFormat.ARK_CSV, record -> record.hasColumn("date") && record.hasColumn("fund")
                && record.hasColumn("company") && record.hasColumn("ticker"));
    }

    @Override
    ParsedFile read(String file, List<CsvRecord> preamble, Table table, List<Finding> findings) {
        FileFacts.ColumnFacts facts = FileFacts.fromColumns(file, table.rows(), "fund", "date", findings);
        List<RawRow> rows = withTickers(file, table, "cash, money market, warrants", findings);
        return new ParsedFile(SourceFormat.ARK_CSV, facts.fund(), null, "ARK Invest", facts.asOf(), facts.asOfText(), rows, Map.of(), findings);
    }
}
