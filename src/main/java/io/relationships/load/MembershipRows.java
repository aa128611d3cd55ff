package io.relationships.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.relationships.catalog.StagedMembership;
import io.relationships.catalog.StagedSecurity;
import io.relationships.catalog.Symbols;
import io.relationships.load.format.Cell;
import io.relationships.load.format.Field;
import io.relationships.load.format.Formulas;
import io.relationships.load.format.Numbers;
import io.relationships.load.format.ParsedFile;
import io.relationships.load.format.RawRow;

/**
 * The gates every row of a holdings or universe file passes: its symbol, its text (no spreadsheet formulas, no
 * control characters), its weight and numbers, and no second line for the same security. What passes becomes a
 * membership and a security; what does not, a finding on its line and column.
 */
final class MembershipRows {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final List<Field> TEXT_FIELDS = List.of(Field.NAME, Field.SECTOR, Field.INDUSTRY, Field.EXCHANGE);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

    /** The rows that passed, in file order: a membership and a security each. */
    record Checked(List<StagedMembership> members, List<StagedSecurity> securities) {
    }

    private MembershipRows() {
    }

    /**
     * Checks every row of {@code parsed}; weights are in percent ({@code # weight_unit: fraction} scales them) and
     * required when {@code weightsRequired} (holdings).
     */
    static Checked check(String label, ParsedFile parsed, boolean weightsRequired, List<Finding> findings) {
        BigDecimal unit = "fraction".equalsIgnoreCase(parsed.declared().get("weight_unit")) ? HUNDRED : BigDecimal.ONE;
        List<StagedMembership> members = new ArrayList<>(parsed.rows().size());
        List<StagedSecurity> securities = new ArrayList<>(parsed.rows().size());
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, String> firstSpelling = new HashMap<>();
        Map<String, Integer> memberIndex = new HashMap<>();
        for (RawRow row : parsed.rows()) {
            Cell symbolCell = row.cell(Field.SYMBOL);
            String raw = symbolCell == null ? null : symbolCell.trimmed();
            Optional<String> symbol = Symbols.canonical(raw);
            if (symbol.isEmpty()) {
                findings.add(located(Finding.error(label, row.line(), raw == null || raw.isEmpty() ? "SYMBOL_MISSING" : "INVALID_SYMBOL",
                        raw == null || raw.isEmpty() ? "the symbol is empty"
                                : "'" + Finding.excerpt(raw) + "' is not a symbol (letters, digits and . - ^, at most 20 characters)"), symbolCell));
                continue;
            }
            if (formulaIn(row, label, findings)) {
                continue;
            }
            BigDecimal weight = weight(row.cell(Field.WEIGHT), symbol.get(), unit, weightsRequired, label, row.line(), findings);

            Integer earlier = firstLine.get(symbol.get());
            if (earlier != null) {
                // issuers list some securities twice: a stock and its contingent value right, an old and a new CUSIP,
                // a cash-collateral line named after a bank. A second line with zero weight adds nothing and is
                // dropped; two lines that both carry weight are a conflict a person must resolve.
                int index = memberIndex.get(symbol.get());
                StagedMembership first = members.get(index);
                String spelling = firstSpelling.get(symbol.get());
                String both = symbol.get() + " is listed twice: on line " + earlier + (spelling.equals(raw) ? "" : " (as " + spelling + ")")
                        + " and on line " + row.line() + (raw.equals(symbol.get()) ? "" : " (as " + raw + ")");
                if (isZero(weight)) {
                    findings.add(located(Finding.warning(label, row.line(), "DUPLICATE_SYMBOL_IGNORED",
                            both + "; the line with zero weight is ignored"), symbolCell));
                    continue;
                }
                if (isZero(first.weight())) {
                    findings.add(located(Finding.warning(label, earlier, "DUPLICATE_SYMBOL_IGNORED",
                            both + "; the line with zero weight is ignored"), symbolCell));
                    members.remove(index);
                    securities.remove(index);
                    memberIndex.replaceAll((s, i) -> i > index ? i - 1 : i);
                    memberIndex.remove(symbol.get());
                    firstLine.remove(symbol.get());
                } else {
                    findings.add(located(Finding.error(label, row.line(), "DUPLICATE_SYMBOL",
                            both + ", both with a weight; keep one line per security"), symbolCell));
                    continue;
                }
            }
            firstLine.put(symbol.get(), row.line());
            firstSpelling.put(symbol.get(), raw);
            memberIndex.put(symbol.get(), members.size());

            Map<String, Object> metadata = new LinkedHashMap<>();
            if (!raw.equals(symbol.get())) {
                metadata.put("originalSymbol", raw);
            }
            putText(metadata, "sector", row, Field.SECTOR);
            putText(metadata, "industry", row, Field.INDUSTRY);
            putNumber(metadata, "shares", row, Field.SHARES, label, findings);
            putNumber(metadata, "marketValue", row, Field.MARKET_VALUE, label, findings);
            members.add(new StagedMembership(symbol.get(), weight, metadata));

            BigDecimal marketCap = number(row, Field.MARKET_CAP, label, findings);
            securities.add(new StagedSecurity(symbol.get(), row.text(Field.NAME), null, row.text(Field.EXCHANGE),
                    marketCap != null && marketCap.signum() >= 0 ? marketCap : null, row.text(Field.CUSIP), row.text(Field.ISIN)));
        }
        return new Checked(members, securities);
    }

    /** A row's weight in percent; null (with a finding, if it was required or unreadable) when there is none. */
    private static BigDecimal weight(Cell cell, String symbol, BigDecimal unit, boolean required, String label, int line,
                                     List<Finding> findings) {
        BigDecimal weight = null;
        try {
            weight = cell == null ? null : Numbers.parse(cell.text());
        } catch (Numbers.NotANumber e) {
            findings.add(located(Finding.error(label, line, "WEIGHT_NOT_A_NUMBER",
                    "the weight of " + symbol + " is not a number: " + e.getMessage()), cell));
            return null;
        }
        if (weight == null) {
            if (required) {
                findings.add(located(Finding.error(label, line, "WEIGHT_MISSING", "the weight of " + symbol + " is empty"), cell));
            }
            return null;
        }
        weight = weight.multiply(unit);
        if (weight.signum() < 0) {
            findings.add(located(Finding.error(label, line, "WEIGHT_NEGATIVE",
                    "the weight of " + symbol + " is negative (" + cell.trimmed() + ")"), cell));
            return null;
        }
        if (weight.compareTo(HUNDRED) > 0) {
            findings.add(located(Finding.error(label, line, "WEIGHT_TOO_LARGE",
                    "the weight of " + symbol + " is " + cell.trimmed() + "%, more than the whole fund"), cell));
            return null;
        }
        return weight.setScale(8, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static boolean isZero(BigDecimal weight) {
        return weight != null && weight.signum() == 0;
    }

    private static void putText(Map<String, Object> metadata, String name, RawRow row, Field field) {
        String text = row.text(field);
        if (text != null && !text.equals("-")) {
            metadata.put(name, text);
        }
    }

    private static void putNumber(Map<String, Object> metadata, String name, RawRow row, Field field, String label, List<Finding> findings) {
        BigDecimal value = number(row, field, label, findings);
        if (value != null) {
            metadata.put(name, value.stripTrailingZeros().toPlainString());
        }
    }

    /** An optional number: one that does not parse is a warning, not a reason to reject the file. */
    private static BigDecimal number(RawRow row, Field field, String label, List<Finding> findings) {
        Cell cell = row.cell(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        try {
            return Numbers.parse(cell.text());
        } catch (Numbers.NotANumber e) {
            findings.add(located(Finding.warning(label, row.line(), "NOT_A_NUMBER", e.getMessage() + "; the value is ignored"), cell));
            return null;
        }
    }

    /**
     * Rejects a row whose text would run as a spreadsheet formula where it is shown later (reports, exports), or
     * carries control characters (terminal escapes, bells) that would reach logs, the CLI and the admin page.
     */
    private static boolean formulaIn(RawRow row, String label, List<Finding> findings) {
        for (Field field : TEXT_FIELDS) {
            Cell cell = row.cell(field);
            if (cell == null || cell.isBlank()) {
                continue;
            }
            if (CONTROL.matcher(cell.trimmed()).find()) {
                findings.add(located(Finding.error(label, row.line(), "CONTROL_CHARACTER", "the " + field.name().toLowerCase()
                        + " '" + Finding.excerpt(cell.trimmed()) + "' contains control characters; fix the source file"), cell));
                return true;
            }
            if (Formulas.looksLikeFormula(cell.trimmed())) {
                findings.add(located(Finding.error(label, row.line(), "FORMULA_INJECTION", "the " + field.name().toLowerCase()
                        + " '" + Finding.excerpt(cell.trimmed()) + "' starts like a spreadsheet formula (=, +, -, @); fix the source file"), cell));
                return true;
            }
        }
        return false;
    }

    private static Finding located(Finding finding, Cell cell) {
        return cell == null ? finding : finding.at(cell.column(), cell.header());
    }
}
