package io.relationships.load.format;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relationships.load.Finding;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON holdings: either an array of {@code {ticker, name, sector, weight}} objects, or an object
 * {@code {"fund": "XLK", "name": …, "asOf": "2025-11-18", "holdings": [ … ]}}. Keys match the CSV aliases
 * ({@code symbol} or {@code ticker}, {@code marketValue} or {@code market_value}). Lines are the JSON's own.
 */
final class JsonHoldings implements HoldingsFormat {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public SourceFormat format() {
        return SourceFormat.JSON;
    }

    /** Text whose first character opens an array or an object. */
    @Override
    public boolean recognises(FileContent content) {
        String text = content.text();
        for (int i = 0; text != null && i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[' || c == '{';
            }
        }
        return false;
    }

    @Override
    public ParsedFile read(FileContent content, FileParser.Kind kind, List<Finding> findings) {
        String file = content.file();
        String text = content.text();
        List<RawRow> rows = new ArrayList<>();
        Map<String, String> fileFields = new LinkedHashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("holdings") && value == JsonToken.START_ARRAY) {
                        readArray(file, parser, rows, findings);
                    } else if (value.isScalarValue()) {
                        fileFields.put(Field.normalise(name), parser.getString());
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (first == JsonToken.START_ARRAY) {
                readArray(file, parser, rows, findings);
            } else {
                return ParsedFile.failed(findings, Finding.error(file, 1, "UNKNOWN_FORMAT",
                        "JSON holdings must be an array of objects or an object with a 'holdings' array"));
            }
        } catch (JacksonException e) {
            var location = e.getLocation();
            Finding finding = Finding.error(file, location == null ? null : location.getLineNr(), "INVALID_JSON",
                    "not valid JSON: " + e.getOriginalMessage());
            return ParsedFile.failed(findings, location == null ? finding : finding.at(location.getColumnNr(), null));
        }
        String asOfText = fileFields.getOrDefault("as of", fileFields.get("date"));
        LocalDate asOf = asOfText == null ? null : FileFacts.parseAsOf(file, asOfText, findings);
        if (asOfText == null) {
            String dates = rows.stream().map(r -> r.text(Field.DATE)).filter(d -> d != null).findFirst().orElse(null);
            if (dates != null) {
                asOfText = dates;
                asOf = FileFacts.parseAsOf(file, dates, findings);
            }
        }
        List<RawRow> kept = SkippedRows.skip(file, rows, row -> SkippedRows.junkTicker(row.text(Field.SYMBOL))
                ? "without a real ticker (cash, disclaimer text)" : SkippedRows.future(row) ? "of index futures" : null, findings);
        if (rows.isEmpty()) {
            findings.add(Finding.error(file, null, "NO_ROWS", "the JSON holds no holdings"));
        }
        return new ParsedFile(SourceFormat.JSON, fileFields.get("fund"), fileFields.get("name"), fileFields.get("issuer"),
                asOf, asOfText, kept, Map.of(), findings);
    }

    private static void readArray(String file, JsonParser parser, List<RawRow> rows, List<Finding> findings) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            int line = parser.currentTokenLocation().getLineNr();
            if (token != JsonToken.START_OBJECT) {
                findings.add(Finding.error(file, line, "INVALID_JSON", "expected an object for each holding, found " + token));
                parser.skipChildren();
                continue;
            }
            Map<Field, Cell> cells = new EnumMap<>(Field.class);
            int column = 0;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                column++;
                int position = column;
                if (value.isStructStart()) {
                    parser.skipChildren();
                    continue;
                }
                String text = value == JsonToken.VALUE_NULL ? null : parser.getString();
                Field.forHeader(key).ifPresent(field -> cells.putIfAbsent(field, new Cell(text, position, key)));
            }
            rows.add(new RawRow(line, cells));
        }
    }
}
