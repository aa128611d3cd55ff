package io.relationships.load.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * The themes CSV: {@code theme,name,description,symbols} with the members in one cell separated by {@code ;},
 * {@code |} or spaces — or one row per member with a {@code symbol} column instead of {@code symbols}.
 */
public final class ThemesFile {

    /** One row: a theme and the member symbols it lists (cells, so that findings can point at them). */
    public record ThemeRow(int line, Cell key, String name, String description, List<Cell> symbols) {
    }

    public record Parsed(List<ThemeRow> rows, List<Finding> findings) {
    }

    private static final Set<String> KEY = Set.of("theme", "key", "theme key", "id");
    private static final Set<String> NAME = Set.of("name", "theme name", "title");
    private static final Set<String> DESCRIPTION = Set.of("description", "about");
    private static final Set<String> MEMBERS = Set.of("symbols", "members", "tickers", "stocks");
    private static final Set<String> MEMBER = Set.of("symbol", "ticker", "member");

    private ThemesFile() {
    }

    public static Parsed read(String file, byte[] bytes) {
        List<Finding> findings = new ArrayList<>();
        List<ThemeRow> rows = new ArrayList<>();
        if (bytes.length == 0) {
            findings.add(Finding.error(file, null, "EMPTY_FILE", "the file is empty"));
            return new Parsed(rows, findings);
        }
        if (TextDecoder.looksBinary(bytes)) {
            findings.add(Finding.error(file, null, "BINARY_FILE", "the file holds binary data, not CSV text"));
            return new Parsed(rows, findings);
        }
        List<CsvRecord> records;
        try {
            records = CsvRecords.read(TextDecoder.decode(bytes, file, findings), ',');
        } catch (CsvRecords.UnterminatedQuote e) {
            findings.add(Finding.error(file, e.line(), "UNTERMINATED_QUOTE", e.getMessage()));
            return new Parsed(rows, findings);
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error(file, null, "UNREADABLE_CSV", "not readable as CSV: " + e.getMessage()));
            return new Parsed(rows, findings);
        }
        int headerIndex = -1;
        for (int i = 0; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            if (!r.isBlank() && (r.cell(0) == null || !r.cell(0).strip().startsWith("#"))) {
                headerIndex = i;
                break;
            }
        }
        if (headerIndex < 0) {
            findings.add(Finding.error(file, null, "EMPTY_FILE", "the file holds no header and no rows"));
            return new Parsed(rows, findings);
        }
        CsvRecord header = records.get(headerIndex);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.cells().length; i++) {
            String h = Field.normalise(header.cells()[i]);
            for (var entry : Map.of("key", KEY, "name", NAME, "description", DESCRIPTION, "members", MEMBERS, "member", MEMBER).entrySet()) {
                if (entry.getValue().contains(h)) {
                    columns.putIfAbsent(entry.getKey(), i);
                }
            }
        }
        boolean wide = columns.containsKey("members");
        if (!columns.containsKey("key") || (!wide && !columns.containsKey("member"))) {
            String line = String.join(",", header.cells());
            findings.add(Finding.error(file, header.line(), line.contains(";") && !line.contains(",") ? "WRONG_DELIMITER" : "MISSING_COLUMN",
                    "a themes file needs the columns 'theme' and 'symbols' (or 'symbol', one row per member); the header has: "
                            + Finding.excerpt(line)));
            return new Parsed(rows, findings);
        }
        int memberColumn = wide ? columns.get("members") : columns.get("member");
        for (int i = headerIndex + 1; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            if (r.isBlank() || (r.cell(0) != null && r.cell(0).strip().startsWith("#"))) {
                continue;
            }
            if (r.cells().length != header.cells().length) {
                findings.add(Finding.error(file, r.line(), "COLUMN_COUNT", "this line has " + r.cells().length
                        + " column(s), the header has " + header.cells().length + "; quote a member list that contains commas"));
                continue;
            }
            int keyColumn = columns.get("key");
            Cell key = new Cell(r.cell(keyColumn), keyColumn + 1, header.cells()[keyColumn]);
            String members = r.cell(memberColumn);
            List<Cell> symbols = new ArrayList<>();
            if (members != null) {
                for (String symbol : wide ? members.split("[;|\\s]+") : new String[] {members}) {
                    if (!symbol.isBlank()) {
                        symbols.add(new Cell(symbol.strip(), memberColumn + 1, header.cells()[memberColumn]));
                    }
                }
            }
            rows.add(new ThemeRow(r.line(), key, text(r, columns.get("name")), text(r, columns.get("description")), symbols));
        }
        if (rows.isEmpty()) {
            findings.add(Finding.error(file, header.line(), "NO_ROWS", "the file has a header but no themes"));
        }
        return new Parsed(rows, findings);
    }

    private static String text(CsvRecord record, Integer column) {
        if (column == null) {
            return null;
        }
        String value = record.cell(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code Clean Energy} → {@code clean_energy}. */
    public static String key(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }
}
