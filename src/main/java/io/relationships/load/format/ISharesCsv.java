package io.relationships.load.format;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * iShares CSV: the fund's name, a {@code Fund Holdings as of,"May 08, 2025"} line and other preamble, the header
 * {@code Ticker, Name, Sector, Asset Class, …}, the holdings, then a legal footer after a blank line. Only equities
 * are kept: cash, futures and money-market rows are skipped and said so.
 */
final class ISharesCsv implements HoldingsFormat {

    @Override
    public SourceFormat format() {
        return SourceFormat.ISHARES_CSV;
    }

    @Override
    public boolean recognises(FileContent content) {
        return content.header(ISharesCsv::isHeader).isPresent();
    }

    private static boolean isHeader(CsvRecord record) {
        return record.hasColumn("ticker") && record.hasColumn("asset class");
    }

    @Override
    public ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings) {
        String file = content.file();
        List<CsvRecord> records = content.csv().records();
        int headerIndex = content.header(ISharesCsv::isHeader).orElseThrow();
        String fundName = headerIndex > 0 ? FileFacts.clean(records.get(0).cell(0)) : null;
        String asOfText = null;
        for (int i = 0; i < headerIndex; i++) {
            CsvRecord r = records.get(i);
            if (r.cell(0) != null && r.cell(0).strip().equalsIgnoreCase("Fund Holdings as of")) {
                asOfText = FileFacts.clean(r.cell(1));
            }
        }
        LocalDate asOf = null;
        if (asOfText == null) {
            findings.add(Finding.error(file, null, "AS_OF_MISSING",
                    "no 'Fund Holdings as of' line before the header: the file does not say what date its holdings are from"));
        } else if (asOfText.equals("-")) {
            findings.add(Finding.error(file, null, "NO_HOLDINGS_DATA",
                    "the issuer published no holdings in this file (as-of is '-')"));
        } else {
            asOf = FileFacts.parseAsOf(file, asOfText, findings);
        }
        Table table = Table.extract(records, headerIndex, Table.Layout.ISSUER, file, findings);
        List<RawRow> rows = SkippedRows.skip(file, table.rows(), row -> {
            String assetClass = row.text(Field.ASSET_CLASS);
            if (assetClass != null && !assetClass.equalsIgnoreCase("Equity")) {
                return "not equities (" + assetClass + ")";
            }
            return SkippedRows.junkTicker(row.text(Field.SYMBOL)) ? "without a ticker" : null;
        }, findings);
        return new ParsedFile(SourceFormat.ISHARES_CSV, null, fundName, "iShares", asOf, asOfText, rows, Map.of(), findings);
    }
}
