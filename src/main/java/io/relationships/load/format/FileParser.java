package io.relationships.load.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.relationships.load.Finding;
import io.relationships.load.format.CsvRecords.CsvRecord;

/**
 * Reads a holdings or universe file in any recognised format, telling the format from the content (never from
 * the file name). The bytes are decoded once, as far as the formats need: a workbook is told by its bytes, JSON by
 * its text, the CSV layouts by the header among their records; at each step the {@link #FORMATS} are asked in
 * their order and the first that recognises the file reads it. Reading never throws on bad content: it reports
 * findings with file, line and column.
 */
public final class FileParser {

    /**
     * The formats, in the order they are asked. Each issuer's claims a file by a signature no other has (a ZIP
     * container, a first {@code [} or <code>{</code>, its own header columns); the standard CSV, which takes any
     * CSV whose first line names a symbol column, comes last. A new format goes here.
     */
    static final List<HoldingsFormat> FORMATS = List.of(
            new XlsxHoldings(),
            new JsonHoldings(),
            new ISharesCsv(),
            new InvescoCsv(),
            new ArkCsv(),
            new StandardCsv());

    /** What the file is expected to hold; decides which columns are required. */
    public enum Kind {
        HOLDINGS, UNIVERSE
    }

    public ParsedFile parse(String file, byte[] bytes, Kind kind) {
        List<Finding> findings = new ArrayList<>();
        if (bytes.length == 0) {
            return ParsedFile.failed(findings, Finding.error(file, null, "EMPTY_FILE", "the file is empty"));
        }
        FileContent content = FileContent.of(file, bytes);
        Optional<HoldingsFormat> format = recognise(content);
        if (format.isPresent()) {
            return format.get().read(content, kind, findings);
        }

        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            return ParsedFile.failed(findings, Finding.error(file, null, "WRONG_ENCODING",
                    "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 (in Excel: CSV UTF-8)"));
        }
        if (TextDecoder.looksBinary(bytes)) {
            return ParsedFile.failed(findings, Finding.error(file, null, "BINARY_FILE",
                    "the file holds binary data, not CSV, XLSX or JSON text"));
        }
        String text = TextDecoder.decode(bytes, file, findings);
        if (text.isBlank()) {
            return ParsedFile.failed(findings, Finding.error(file, null, "EMPTY_FILE", "the file holds only blank lines"));
        }
        content = content.withText(text);
        format = recognise(content);
        if (format.isPresent()) {
            return format.get().read(content, kind, findings);
        }

        try {
            content = content.withCsv(csv(text));
        } catch (CsvRecords.UnterminatedQuote e) {
            return ParsedFile.failed(findings, Finding.error(file, e.line(), "UNTERMINATED_QUOTE", e.getMessage()));
        } catch (IllegalArgumentException e) {
            return ParsedFile.failed(findings, Finding.error(file, null, "UNREADABLE_CSV", "not readable as CSV: " + e.getMessage()));
        }
        format = recognise(content);
        if (format.isPresent()) {
            return format.get().read(content, kind, findings);
        }
        Optional<Integer> header = content.firstLine();
        if (header.isEmpty()) {
            return ParsedFile.failed(findings, Finding.error(file, null, "EMPTY_FILE", "the file holds no header and no rows"));
        }
        return ParsedFile.failed(findings, unrecognised(file, content.csv().records().get(header.get())));
    }

    /** The first of the formats that recognises the content as far as it is decoded. */
    private static Optional<HoldingsFormat> recognise(FileContent content) {
        return FORMATS.stream().filter(format -> format.recognises(content)).findFirst();
    }

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

    /**
     * Splits text into CSV records, after the {@code # key: value} lines at its top.
     *
     * @throws CsvRecords.UnterminatedQuote where a quote is never closed
     * @throws IllegalArgumentException     when the text is not CSV otherwise
     */
    static FileContent.Csv csv(String text) {
        Map<String, String> declared = new LinkedHashMap<>();
        String body = stripDeclarations(text, declared);
        return new FileContent.Csv(CsvRecords.read(body, ','), Collections.unmodifiableMap(declared));
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
}
