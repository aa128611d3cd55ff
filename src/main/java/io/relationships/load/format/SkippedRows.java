package io.relationships.load.format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.relationships.load.Finding;

/** The rows issuer files hold besides securities (cash, futures, disclaimer text), and how they are dropped and reported. */
final class SkippedRows {

    private static final Set<String> JUNK_TICKERS = Set.of("-", "--", "NAN", "N/A", "NA", "NONE", "NULL", "CASH", "CASH_USD", "USD");
    private static final Pattern FUTURES_CODE = Pattern.compile("[A-Z]{1,4}[FGHJKMNQUVXZ]\\d");
    private static final Pattern CONTRACT_MONTH = Pattern.compile(".*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\\s?\\d{2}\\b.*");

    private SkippedRows() {
    }

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
    static List<RawRow> skip(String file, List<RawRow> rows, Function<RawRow, String> reason, List<Finding> findings) {
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
}
