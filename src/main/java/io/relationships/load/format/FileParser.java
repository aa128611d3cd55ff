package io.relationships.load.format;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * Reads a holdings or universe file in any recognised format, telling the format from the content (never from
 * the file name): a ZIP container is a workbook, {@code [} or {@code {} opens JSON, otherwise the header row of a
 * CSV decides. Reading never throws on bad content: it reports findings with file, line and column.
 */
public final class FileParser {

    private static final int HEADER_SEARCH_LINES = 40;
    private static final Set<String> JUNK_TICKERS = Set.of("-", "--", "NAN", "N/A", "NA", "NONE", "NULL", "CASH", "CASH_USD", "USD");

    /** What the file is expected to hold; decides which columns are required. */
    public enum Kind {
        HOLDINGS, UNIVERSE
    }

    public ParsedFile parse(String file, byte[] bytes, Kind kind) {
        List<Finding> findings = new ArrayList<>();
        if (bytes.length == 0) {
            return failed(file, findings, Finding.error(file, null, "EMPTY_FILE", "the file is empty"));
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return XlsxHoldings.read(file, bytes, findings);
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            return failed(file, findings, Finding.error(file, null, "WRONG_ENCODING",
                    "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 (in Excel: CSV UTF-8)"));
        }
        if (TextDecoder.looksBinary(bytes)) {
            return failed(file, findings, Finding.error(file, null, "BINARY_FILE",
                    "the file holds binary data, not CSV, XLSX or JSON text"));
        }
        String text = TextDecoder.decode(bytes, file, findings);
        String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) {
            return failed(file, findings, Finding.error(file, null, "EMPTY_FILE", "the file holds only blank lines"));
        }
        if (trimmed.charAt(0) == '[' || trimmed.charAt(0) == '{') {
            return JsonHoldings.read(file, text, findings);
        }
        Map<String, String> declared = new LinkedHashMap<>();
        String body = stripDeclarations(text, declared);
        List<CsvRecord> records;
        try {
            records = CsvRecords.read(body, ',');
        } catch (CsvRecords.UnterminatedQuote e) {
            return failed(file, findings, Finding.error(file, e.line(), "UNTERMINATED_QUOTE", e.getMessage()));
        } catch (IllegalArgumentException e) {
            return failed(file, findings, Finding.error(file, null, "UNREADABLE_CSV", "not readable as CSV: " + e.getMessage()));
        }
        Optional<Integer> ishares = Table.findHeader(records, HEADER_SEARCH_LINES,
                r -> has(r, "ticker") && has(r, "asset class"));
        if (ishares.isPresent()) {
            return iShares(file, records, ishares.get(), findings);
        }
        Optional<Integer> invesco = Table.findHeader(records, HEADER_SEARCH_LINES,
                r -> has(r, "fund ticker") && has(r, "holding ticker"));
        if (invesco.isPresent()) {
            return invesco(file, records, invesco.get(), findings);
        }
        Optional<Integer> ark = Table.findHeader(records, HEADER_SEARCH_LINES,
                r -> has(r, "date") && has(r, "fund") && has(r, "company") && has(r, "ticker"));
        if (ark.isPresent()) {
            return ark(file, records, ark.get(), findings);
        }
        return standard(file, records, declared, kind, findings);
    }

    // ---------------------------------------------------------------------------------------------------------

    private ParsedFile iShares(String file, List<CsvRecord> records, int headerIndex, List<Finding> findings) {
        String fundName = headerIndex > 0 ? clean(records.get(0).cell(0)) : null;
        String asOfText = null;
        for (int i = 0; i < headerIndex; i++) {
            CsvRecord r = records.get(i);
            if (r.cell(0) != null && r.cell(0).strip().equalsIgnoreCase("Fund Holdings as of")) {
                asOfText = clean(r.cell(1));
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
            asOf = parseAsOf(file, asOfText, findings);
        }
        Table table = Table.extract(records, headerIndex, Table.Layout.ISSUER, file, findings);
        List<RawRow> rows = skip(file, table.rows(), row -> {
            String assetClass = row.text(Field.ASSET_CLASS);
            if (assetClass != null && !assetClass.equalsIgnoreCase("Equity")) {
                return "not equities (" + assetClass + ")";
            }
            return junkTicker(row.text(Field.SYMBOL)) ? "without a ticker" : null;
        }, findings);
        return new ParsedFile(SourceFormat.ISHARES_CSV, null, fundName, "iShares", asOf, asOfText, rows, Map.of(), findings);
    }

    private ParsedFile invesco(String file, List<CsvRecord> records, int headerIndex, List<Finding> findings) {
        Table table = Table.extract(records, headerIndex, Table.Layout.ISSUER, file, findings);
        String fund = single(file, table.rows(), Field.FUND, "fund ticker", findings);
        String asOfText = single(file, table.rows(), Field.DATE, "date", findings);
        LocalDate asOf = asOfText == null ? null : parseAsOf(file, asOfText, findings);
        if (asOfText == null) {
            findings.add(Finding.error(file, null, "AS_OF_MISSING", "the Date column is empty: the file does not say what date its holdings are from"));
        }
        List<RawRow> rows = skip(file, table.rows(), row -> junkTicker(row.text(Field.SYMBOL)) ? "without a ticker (cash)" : null, findings);
        return new ParsedFile(SourceFormat.INVESCO_CSV, fund, null, "Invesco", asOf, asOfText, rows, Map.of(), findings);
    }

    private ParsedFile ark(String file, List<CsvRecord> records, int headerIndex, List<Finding> findings) {
        Table table = Table.extract(records, headerIndex, Table.Layout.ISSUER, file, findings);
        String fund = single(file, table.rows(), Field.FUND, "fund", findings);
        String asOfText = single(file, table.rows(), Field.DATE, "date", findings);
        LocalDate asOf = asOfText == null ? null : parseAsOf(file, asOfText, findings);
        if (asOfText == null) {
            findings.add(Finding.error(file, null, "AS_OF_MISSING", "the date column is empty: the file does not say what date its holdings are from"));
        }
        List<RawRow> rows = skip(file, table.rows(),
                row -> junkTicker(row.text(Field.SYMBOL)) ? "without a ticker (cash, money market, warrants)" : null, findings);
        return new ParsedFile(SourceFormat.ARK_CSV, fund, null, "ARK Invest", asOf, asOfText, rows, Map.of(), findings);
    }

    private ParsedFile standard(String file, List<CsvRecord> records, Map<String, String> declared, Kind kind, List<Finding> findings) {
        Optional<Integer> header = Table.findHeader(records, HEADER_SEARCH_LINES, r -> !r.isBlank());
        if (header.isEmpty()) {
            return failed(file, findings, Finding.error(file, null, "EMPTY_FILE", "the file holds no header and no rows"));
        }
        CsvRecord headerRecord = records.get(header.get());
        var fields = Table.fields(headerRecord.cells());
        if (!fields.containsKey(Field.SYMBOL)) {
            return failed(file, findings, unrecognised(file, headerRecord));
        }
        if (kind == Kind.HOLDINGS && !fields.containsKey(Field.WEIGHT)) {
            return failed(file, findings, Finding.error(file, headerRecord.line(), "MISSING_COLUMN",
                    "required column 'weight' is missing; the header has: " + Finding.excerpt(String.join(", ", headerRecord.cells()))));
        }
        Table table = Table.extract(records, header.get(), Table.Layout.STRICT, file, findings);
        if (table.rows().isEmpty()) {
            findings.add(Finding.error(file, headerRecord.line(), "NO_ROWS", "the file has a header but no data rows"));
        }
        String asOfText = declared.get("as_of");
        if (asOfText == null && table.has(Field.DATE)) {
            asOfText = single(file, table.rows(), Field.DATE, "date", findings);
        }
        LocalDate asOf = asOfText == null ? null : parseAsOf(file, asOfText, findings);
        return new ParsedFile(SourceFormat.STANDARD_CSV, declared.get("fund"), declared.get("name"), declared.get("issuer"),
                asOf, asOfText, table.rows(), Map.copyOf(declared), findings);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Explains why no known header was found, and spots the common cause: another delimiter. */
    private static Finding unrecognised(String file, CsvRecord first) {
        String line = String.join(",", first.cells());
        for (char delimiter : new char[] {';', '\t', '|'}) {
            String[] cells = line.split(delimiter == '|' ? "\\|" : String.valueOf(delimiter));
            if (cells.length > 1 && Table.fields(cells).containsKey(Field.SYMBOL)) {
                String name = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
                return Finding.error(file, first.line(), "WRONG_DELIMITER",
                        "columns are separated by " + name + "; this format expects ',' (comma-separated values)");
            }
        }
        // a short, escaped excerpt: whatever the file is, its content is not echoed further than this
        String shown = Finding.excerpt(line);
        return Finding.error(file, first.line(), "UNKNOWN_FORMAT",
                "format not recognised: expected a header with a symbol or ticker column (standard CSV), or an iShares, "
                        + "Invesco, ARK, SSGA or JSON holdings file; the first line is: " + shown);
    }

    /** {@code # key: value} lines at the top of our own CSV; replaced by blank lines so that line numbers hold. */
    private static String stripDeclarations(String text, Map<String, String> declared) {
        StringBuilder body = new StringBuilder(text.length());
        boolean inPreamble = true;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (inPreamble && trimmed.startsWith("#")) {
                int colon = trimmed.indexOf(':');
                if (colon > 1) {
                    declared.put(trimmed.substring(1, colon).strip().toLowerCase(Locale.ROOT).replace(' ', '_'),
                            trimmed.substring(colon + 1).strip());
                }
                body.append('\n');
                continue;
            }
            if (!trimmed.isEmpty()) {
                inPreamble = false;
            }
            body.append(line).append('\n');
        }
        return body.toString();
    }

    private static boolean has(CsvRecord record, String header) {
        for (String cell : record.cells()) {
            if (cell != null && Field.normalise(cell).equals(header)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern FUTURES_CODE = java.util.regex.Pattern.compile("[A-Z]{1,4}[FGHJKMNQUVXZ]\\d");
    private static final java.util.regex.Pattern CONTRACT_MONTH =
            java.util.regex.Pattern.compile(".*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\\s?\\d{2}\\b.*");

    /**
     * An index future in a file that has no asset-class column: a CME-style contract code (root, month letter,
     * year digit: {@code ESM5}, {@code IXDZ5}) whose name names the contract month ({@code XAB MATERIALS DEC25}).
     */
    static boolean future(RawRow row) {
        String ticker = row.text(Field.SYMBOL);
        String name = row.text(Field.NAME);
        return ticker != null && name != null && FUTURES_CODE.matcher(ticker.strip().toUpperCase(Locale.ROOT)).matches()
                && CONTRACT_MONTH.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    static boolean junkTicker(String ticker) {
        return ticker == null || ticker.isBlank() || JUNK_TICKERS.contains(ticker.strip().toUpperCase(Locale.ROOT));
    }

    /** Drops the rows {@code reason} names a reason for, and says how many (and how much weight) went. */
    static List<RawRow> skip(String file, List<RawRow> rows, java.util.function.Function<RawRow, String> reason, List<Finding> findings) {
        List<RawRow> kept = new ArrayList<>(rows.size());
        Map<String, int[]> skippedCount = new TreeMap<>();
        Map<String, BigDecimal> skippedWeight = new TreeMap<>();
        Map<String, Integer> firstLine = new TreeMap<>();
        for (RawRow row : rows) {
            String why = reason.apply(row);
            if (why == null) {
                kept.add(row);
                continue;
            }
            skippedCount.computeIfAbsent(why, k -> new int[1])[0]++;
            firstLine.putIfAbsent(why, row.line());
            try {
                BigDecimal weight = Numbers.parse(row.text(Field.WEIGHT));
                if (weight != null) {
                    skippedWeight.merge(why, weight, BigDecimal::add);
                }
            } catch (Numbers.NotANumber ignored) {
                // a skipped row's weight does not matter
            }
        }
        skippedCount.forEach((why, count) -> findings.add(Finding.info(file, firstLine.get(why), "ROWS_SKIPPED",
                count[0] + " row(s) " + why + " skipped" + (skippedWeight.containsKey(why)
                        ? " (weight " + skippedWeight.get(why).stripTrailingZeros().toPlainString() + "%)" : ""))));
        return kept;
    }

    /** The one value a column holds on every row (fund, date); differing values are reported. */
    private static String single(String file, List<RawRow> rows, Field field, String label, List<Finding> findings) {
        Set<String> values = new LinkedHashSet<>();
        int firstDifferent = -1;
        for (RawRow row : rows) {
            String value = row.text(field);
            if (value != null && values.add(value) && values.size() == 2) {
                firstDifferent = row.line();
            }
        }
        if (values.size() > 1) {
            Finding.Severity severity = field == Field.FUND ? Finding.Severity.ERROR : Finding.Severity.WARNING;
            findings.add(new Finding(file, firstDifferent, null, label, severity, field == Field.FUND ? "MIXED_FUNDS" : "MIXED_DATES",
                    "the " + label + " column holds different values (" + String.join(", ", values) + ")"
                            + (field == Field.FUND ? "; one file must hold one fund" : "; the first is used")));
        }
        return values.isEmpty() ? null : values.iterator().next();
    }

    static LocalDate parseAsOf(String file, String asOfText, List<Finding> findings) {
        Optional<LocalDate> date = Dates.parse(asOfText);
        if (date.isEmpty()) {
            findings.add(Finding.error(file, null, "AS_OF_UNPARSEABLE",
                    "as-of date '" + asOfText + "' is not a date (expected e.g. 2025-05-08, May 08, 2025 or 05/08/2025)"));
            return null;
        }
        return date.get();
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace('\uFEFF', ' ').strip();
        return s.isEmpty() ? null : s;
    }

    static ParsedFile failed(String file, List<Finding> findings, Finding finding) {
        findings.add(finding);
        return new ParsedFile(null, null, null, null, null, null, List.of(), Map.of(), findings);
    }
}
