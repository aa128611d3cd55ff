package io.relationships.sector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import io.relationships.catalog.Symbols;
import io.relationships.load.Finding;
import io.relationships.load.format.CsvTable;
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
                byte[] bytes = Files.readAllBytes(file);
                if (new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading().startsWith("[")) {
                    for (JsonNode row : json.readTree(bytes)) {
                        add(evidence, symbols, label, text(row, "symbol", "ticker"), text(row, "sector"), text(row, "industry"));
                    }
                } else {
                    CsvTable.read(label, bytes, findings).ifPresent(table -> readCsv(table, evidence, symbols, label, findings));
                }
            } catch (IOException | RuntimeException e) {
                findings.add(Finding.error(label, null, "UNREADABLE_SCREENER", "could not read the screener export: " + e.getMessage()));
            }
        }
        return evidence;
    }

    private void readCsv(CsvTable table, Map<String, Evidence> evidence, Set<String> symbols, String label, List<Finding> findings) {
        OptionalInt symbol = table.column("symbol", "ticker");
        OptionalInt sector = table.column("sector");
        OptionalInt industry = table.column("industry");
        if (symbol.isEmpty() || sector.isEmpty()) {
            findings.add(Finding.error(label, table.headerLine(), "MISSING_COLUMN", "a screener export needs 'symbol' and 'sector' columns"));
            return;
        }
        for (CsvTable.Row row : table.rows()) {
            add(evidence, symbols, label, row.cell(symbol.getAsInt()), row.cell(sector.getAsInt()),
                    industry.isEmpty() ? null : row.cell(industry.getAsInt()));
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
}
