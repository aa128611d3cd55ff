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
final class ISharesCsv extends IssuerCsv {

    ISharesCsv() {
        super(SourceFormat.ISHARES_CSV, record -> record.hasColumn("ticker") && record.hasColumn("asset class"));
    }

    @Override
    ParsedFile read(String file, List<CsvRecord> preamble, Table table, List<Finding> findings) {
        String fundName = preamble.isEmpty() ? null : FileFacts.clean(preamble.get(0).cell(0));
        String asOfText = null;
        for (CsvRecord r : preamble) {
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
