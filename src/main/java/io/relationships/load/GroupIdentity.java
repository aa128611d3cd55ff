package io.relationships.load;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.relationships.catalog.GroupType;
import io.relationships.catalog.Symbols;
import io.relationships.load.format.ParsedFile;
import io.relationships.load.format.SourceFormat;

/**
 * Which group a holdings or universe file describes and as of when: an ETF's symbol from the content, the request
 * or the manifest, or the file's name; a universe's key from the request or the manifest, or the file's name; the
 * as-of date the file states.
 *
 * @param type the groups of the file: ETF holdings or a universe
 * @param key  the ETF's symbol or the universe's key; null when it cannot be told (a finding says why)
 * @param asOf the date the file states; null when it states none, or one in the future (a finding says so)
 */
record GroupIdentity(GroupType type, String key, LocalDate asOf) {

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

    /** The key and as-of date of a parsed file; what cannot be told, or is wrong, goes to {@code findings}. */
    static GroupIdentity of(GroupType type, SourceFiles.SourceFile file, ParsedFile parsed, List<Finding> findings) {
        Optional<String> key = type == GroupType.ETF ? etfSymbol(file, parsed, findings) : universeKey(file, findings);
        LocalDate asOf = asOf(type, file.label(), parsed, findings);
        return new GroupIdentity(type, key.orElse(null), asOf);
    }

    boolean known() {
        return key != null;
    }

    /** The group's name: as given, as the file says, the index's name for a known universe key, else the key. */
    String name(SourceFiles.SourceFile file, ParsedFile parsed) {
        return firstNonBlank(file.name(), parsed.fundName(), parsed.declared().get("name"),
                type == GroupType.UNIVERSE ? UNIVERSE_NAMES.get(key) : null, key);
    }

    private static LocalDate asOf(GroupType type, String label, ParsedFile parsed, List<Finding> findings) {
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

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
