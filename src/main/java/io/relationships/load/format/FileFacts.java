package io.relationships.load.format;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.relationships.load.Finding;

/** What a file says about itself — which fund, as of when — read the same way whatever the format. */
final class FileFacts {

    private FileFacts() {
    }

    /**
     * The fund and as-of date of a file that repeats them on every row (Invesco's {@code Fund Ticker} and
     * {@code Date}, ARK's {@code fund} and {@code date}).
     *
     * @param fundLabel  the fund column as messages name it
     * @param dateHeader the date column as the issuer spells it, for the message when it is empty
     */
    static ColumnFacts fromColumns(String file, List<RawRow> rows, String fundLabel, String dateHeader, List<Finding> findings) {
        String fund = single(file, rows, Field.FUND, fundLabel, findings);
        String asOfText = single(file, rows, Field.DATE, "date", findings);
        LocalDate asOf = asOfText == null ? null : parseAsOf(file, asOfText, findings);
        if (asOfText == null) {
            findings.add(Finding.error(file, null, "AS_OF_MISSING",
                    "the " + dateHeader + " column is empty: the file does not say what date its holdings are from"));
        }
        return new ColumnFacts(fund, asOfText, asOf);
    }

    record ColumnFacts(String fund, String asOfText, LocalDate asOf) {
    }

    /** The one value a column holds on every row (fund, date); differing values are reported. */
    static String single(String file, List<RawRow> rows, Field field, String label, List<Finding> findings) {
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

    /** A preamble cell's value: stripped (of a byte-order mark too), null when empty. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace('\uFEFF', ' ').strip();
        return s.isEmpty() ? null : s;
    }
}
