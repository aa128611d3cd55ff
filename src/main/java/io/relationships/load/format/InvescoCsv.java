package io.relationships.load.format;

import java.util.List;
import java.util.Map;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * Invesco CSV: {@code Fund Ticker, Security Identifier, Holding Ticker, …, Date}, the fund and the date repeated
 * on every row (MM/dd/yyyy). Rows without a ticker (cash) are skipped and said so.
 */
final class InvescoCsv extends IssuerCsv {

    InvescoCsv() {
        super(SourceFormat.INVESCO_CSV, record -> record.hasColumn("fund ticker") && record.hasColumn("holding ticker"));
    }

    @Override
    ParsedFile read(String file, List<CsvRecord> preamble, Table table, List<Finding> findings) {
        FileFacts.ColumnFacts facts = FileFacts.fromColumns(file, table.rows(), "fund ticker", "Date", findings);
        List<RawRow> rows = withTickers(file, table, "cash", findings);
        return new ParsedFile(SourceFormat.INVESCO_CSV, facts.fund(), null, "Invesco", facts.asOf(), facts.asOfText(), rows, Map.of(), findings);
    }
}
