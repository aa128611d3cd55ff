package io.relationships.sector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.relationships.catalog.Finding;
import io.relationships.catalog.Symbols;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exchange screener exports (NASDAQ's stock screener: a JSON array of {@code {symbol, sector, industry, …}}, or
 * a CSV with those columns), whose own sector vocabulary is mapped to GICS by the editable
 * {@code screener-sectors.csv}.
 */
@Component
@Order(4)
class ScreenerSource implements SectorSource {

    private final MappingTables tables;
    private final JsonMapper json = JsonMapper.builder().build();

    ScreenerSource(MappingTables tables) {
        this.tables = tables;
    }

    @Override
    public String name() {
        return "screener";
    }

    @Override
    public Map<String, Evidence> classify(Set<String> symbols, Set<String> unresolved, SectorInputs inputs, List<Finding> findings) {
        Map<String, Evidence> evidence = new HashMap<>();
        for (Path file : inputs.screenerFiles()) {
            String label = file.getFileName().toString();
            try {
                String text = Files.readString(file);
                if (text.stripLeading().startsWith("[")) {
                    for (JsonNode row : json.readTree(text)) {
                        add(evidence, symbols, label, text(row, "symbol", "ticker"), text(row, "sector"), text(row, "industry"));
                    }
                } else {
                    readCsv(text, evidence, symbols, label, findings);
                }
            } catch (IOException | RuntimeException e) {
                findings.add(Finding.error(label, null, "UNREADABLE_SCREENER", "could not read the screener export: " + e.getMessage()));
            }
        }
        return evidence;
    }

    private void readCsv(String text, Map<String, Evidence> evidence, Set<String> symbols, String label, List<Finding> findings) {
        String[] lines = text.split("\\R");
        String[] header = lines[0].replace("\uFEFF", "").toLowerCase(Locale.ROOT).split(",");
        int symbol = indexOf(header, "symbol", "ticker");
        int sector = indexOf(header, "sector");
        int industry = indexOf(header, "industry");
        if (symbol < 0 || sector < 0) {
            findings.add(Finding.error(label, 1, "MISSING_COLUMN", "a screener export needs 'symbol' and 'sector' columns"));
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            add(evidence, symbols, label, cell(cells, symbol), cell(cells, sector), industry < 0 ? null : cell(cells, industry));
        }
    }

    private void add(Map<String, Evidence> evidence, Set<String> symbols, String label, String rawSymbol, String sector, String industry) {
        Symbols.canonical(rawSymbol).filter(symbols::contains).ifPresent(symbol ->
                tables.screenerSector(sector, industry).ifPresent(gics -> evidence.put(symbol,
                        new Evidence(name(), gics, null, 0.7, label + ": " + sector + (industry == null || industry.isBlank() ? "" : " / " + industry.strip())))));
    }

    private static String text(JsonNode row, String... names) {
        for (String name : names) {
            JsonNode value = row.get(name);
            if (value != null && !value.isNull()) {
                return value.asString();
            }
        }
        return null;
    }

    private static int indexOf(String[] header, String... names) {
        for (int i = 0; i < header.length; i++) {
            for (String name : names) {
                if (header[i].strip().equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String cell(String[] cells, int index) {
        return index < cells.length ? cells[index] : null;
    }
}
