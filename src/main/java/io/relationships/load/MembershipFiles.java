package io.relationships.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.relationships.catalog.GroupType;
import io.relationships.catalog.StagedGroup;
import io.relationships.catalog.StagedMembership;
import io.relationships.catalog.StagedSecurity;
import io.relationships.catalog.Symbols;
import io.relationships.load.Finding;
import io.relationships.load.format.Cell;
import io.relationships.load.format.Field;
import io.relationships.load.format.Formulas;
import io.relationships.load.format.Numbers;
import io.relationships.load.format.ParsedFile;
import io.relationships.load.format.RawRow;
import io.relationships.load.format.SourceFormat;
import org.springframework.stereotype.Component;

/**
 * The validation gates of a holdings or universe file: every row's symbol, weight and numbers, duplicates, the
 * weight sum, the as-of date. Turns a parsed file into the group it describes, or into findings that reject it.
 */
@Component
class MembershipFiles {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_]{0,47}");
    private static final List<Pattern> ETF_FILE_NAMES = List.of(
            Pattern.compile("(?i)([a-z]{1,6})"),
            Pattern.compile("(?i)([a-z]{1,6})[_\\- ]holdings?"),
            Pattern.compile("(?i)holdings-daily-[a-z]{2}-[a-z]{2}-([a-z]{1,6})"),
            Pattern.compile("(?i).*[_\\-]([a-z]{2,6})[_\\-]holdings?"));
    private static final Map<String, String> UNIVERSE_NAMES = Map.of(
            "sp500", "S&P 500",
            "nasdaq100", "Nasdaq-100",
            "dow30", "Dow Jones Industrial Average",
            "russell3000", "Russell 3000",
            "russell1000", "Russell 1000",
            "russell2000", "Russell 2000",
            "sp400", "S&P MidCap 400",
            "sp600", "S&P SmallCap 600");

    /** One group of a file, ready to stage. */
    record GroupData(StagedGroup group, List<StagedMembership> members, List<StagedSecurity> securities) {
    }

    private final LoadProperties properties;

    MembershipFiles(LoadProperties properties) {
        this.properties = properties;
    }

    /**
     * The group a parsed holdings ({@code type} ETF) or universe file describes; empty when a gate rejected it
     * (the reasons are in {@code findings}).
     */
    Optional<GroupData> interpret(GroupType type, SourceFiles.SourceFile file, String checksum, ParsedFile parsed,
                                  List<Finding> findings) {
        String label = file.label();
        Optional<String> key = type == GroupType.ETF ? etfSymbol(file, parsed, findings) : universeKey(file, findings);
        LocalDate asOf = asOf(type, label, parsed, file, findings);

        boolean weightsRequired = type == GroupType.ETF;
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
        if (members.isEmpty() && findings.stream().noneMatch(Finding::isError)) {
            findings.add(Finding.error(label, null, "NO_ROWS", "the file holds no securities (after skipping cash and other non-equity rows)"));
        }
        boolean partial = "top".equalsIgnoreCase(parsed.declared().get("holdings"));
        List<BigDecimal> weights = members.stream().map(StagedMembership::weight).filter(java.util.Objects::nonNull).toList();
        BigDecimal weightSum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        int weighted = weights.size();
        if (weighted > 0 && (type == GroupType.ETF || weighted == members.size())) {
            checkWeightSum(label, weightSum, partial, findings);
        }
        if (findings.stream().anyMatch(Finding::isError) || key.isEmpty()) {
            return Optional.empty();
        }

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", parsed.format().label());
        if (parsed.issuer() != null) {
            metadata.put("issuer", parsed.issuer());
        }
        if (asOf != null) {
            metadata.put("asOf", asOf.toString());
        }
        metadata.put("sourceFile", label);
        metadata.put("checksum", checksum);
        metadata.put("rowCount", members.size());
        if (weighted > 0) {
            metadata.put("weightSum", weightSum.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        }
        if (partial) {
            metadata.put("partial", true);
        }
        String name = firstNonBlank(file.name(), parsed.fundName(), parsed.declared().get("name"),
                type == GroupType.UNIVERSE ? UNIVERSE_NAMES.get(key.get()) : null, key.get());
        if (type == GroupType.ETF) {
            securities.add(new StagedSecurity(key.get(), name, "ETF", null, null, null, null));
        }
        StagedGroup group = new StagedGroup(type, key.get(), name, parsed.declared().get("description"),
                parsed.format().label() + ": " + file.fileName(), metadata);
        return Optional.of(new GroupData(group, members, securities));
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

    private void checkWeightSum(String label, BigDecimal sum, boolean partial, List<Finding> findings) {
        LoadProperties.WeightSum gate = properties.weightSum();
        String shown = sum.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
        if (sum.compareTo(gate.rejectAbove()) > 0) {
            findings.add(Finding.error(label, null, "WEIGHT_SUM",
                    "weights add up to " + shown + ", above the " + gate.rejectAbove().toPlainString()
                            + "% a fund can hold; is a weight written as a percentage twice, or a fraction column mixed with percentages?"));
        } else if (!partial && sum.compareTo(gate.rejectBelow()) < 0) {
            findings.add(Finding.error(label, null, "WEIGHT_SUM",
                    "weights add up to only " + shown + " (below " + gate.rejectBelow().toPlainString()
                            + "%): are they fractions (declare '# weight_unit: fraction') or is the file cut short "
                            + "(declare '# holdings: top' for a list of top holdings)?"));
        } else if (sum.subtract(HUNDRED).abs().compareTo(gate.tolerance()) > 0 && !(partial && sum.compareTo(HUNDRED) < 0)) {
            findings.add(Finding.warning(label, null, "WEIGHT_SUM",
                    "weights add up to " + shown + ", more than " + gate.tolerance().toPlainString() + " points from 100%"));
        }
    }

    private static LocalDate asOf(GroupType type, String label, ParsedFile parsed, SourceFiles.SourceFile file, List<Finding> findings) {
        LocalDate asOf = parsed.asOf();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (asOf != null && asOf.isAfter(today.plusDays(1))) {
            findings.add(Finding.error(label, null, "AS_OF_IN_FUTURE",
                    "the as-of date " + asOf + " is in the future; check the file's date line"));
            return null;
        }
        if (asOf == null && parsed.asOfText() == null && parsed.format() != null && type == GroupType.ETF) {
            if (parsed.format() == SourceFormat.STANDARD_CSV) {
                findings.add(Finding.error(label, null, "AS_OF_MISSING",
                        "the file does not say what date its holdings are from: add a line '# as_of: 2025-05-08' above the header"));
            } else if (parsed.format() == SourceFormat.JSON) {
                findings.add(Finding.warning(label, null, "AS_OF_MISSING",
                        "the JSON names no as-of date ('asOf'); the holdings are recorded without one"));
            }
        }
        return asOf;
    }

    private static Optional<String> etfSymbol(SourceFiles.SourceFile file, ParsedFile parsed, List<Finding> findings) {
        String label = file.label();
        Optional<String> fromName = etfSymbolFromFileName(file.fileName());
        if (parsed.fundSymbol() != null) {
            Optional<String> fromContent = Symbols.canonical(parsed.fundSymbol());
            if (fromContent.isEmpty()) {
                findings.add(Finding.error(label, null, "INVALID_SYMBOL", "the fund's symbol '" + Finding.excerpt(parsed.fundSymbol()) + "' is not a symbol"));
                return Optional.empty();
            }
            if (file.key() != null && !Symbols.canonicalOrSelf(file.key()).equals(fromContent.get())) {
                findings.add(Finding.warning(label, null, "FUND_MISMATCH",
                        "the file says it holds " + fromContent.get() + " but was given as " + file.key() + "; " + fromContent.get() + " is used"));
            }
            return fromContent;
        }
        if (file.key() != null) {
            Optional<String> given = Symbols.canonical(file.key());
            if (given.isEmpty()) {
                findings.add(Finding.error(label, null, "INVALID_SYMBOL", "'" + Finding.excerpt(file.key()) + "' is not an ETF symbol"));
            }
            return given;
        }
        if (fromName.isEmpty()) {
            findings.add(Finding.error(label, null, "FUND_UNKNOWN",
                    "cannot tell which ETF this file holds: its content does not say and its name does not look like "
                            + "'IVV_holdings.csv' or 'XLK.json'; rename it or list it in " + SourceFiles.MANIFEST));
        }
        return fromName;
    }

    static Optional<String> etfSymbolFromFileName(String fileName) {
        String base = fileName.replaceFirst("(\\.[A-Za-z0-9]{1,5})+$", "");
        for (Pattern pattern : ETF_FILE_NAMES) {
            Matcher matcher = pattern.matcher(base);
            if (matcher.matches()) {
                return Symbols.canonical(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    static Optional<String> universeKey(SourceFiles.SourceFile file, List<Finding> findings) {
        String candidate = file.key() != null ? file.key() : file.fileName().replaceFirst("(\\.[A-Za-z0-9]{1,5})+$", "");
        String key = candidate.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_").replaceAll("[^a-z0-9_]", "");
        if (!KEY.matcher(key).matches()) {
            findings.add(Finding.error(file.label(), null, "KEY_INVALID",
                    "'" + Finding.excerpt(candidate) + "' does not make a universe key (letters, digits and _); name the file e.g. sp500.csv"));
            return Optional.empty();
        }
        return Optional.of(key);
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

    private static final List<Field> TEXT_FIELDS = List.of(Field.NAME, Field.SECTOR, Field.INDUSTRY, Field.EXCHANGE);

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

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

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
