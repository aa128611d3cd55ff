package io.relationships.sector;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import io.relationships.catalog.Finding;
import io.relationships.catalog.Symbols;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Manual overrides: {@code sector_classifications.csv} ({@code symbol,sector,industry,note}), kept by the data
 * stewards. Always wins when first in precedence (the default). A row that cannot be read rejects the run.
 */
@Component
@Order(1)
class CuratedSource implements SectorSource {

    @Override
    public String name() {
        return "curated";
    }

    @Override
    public Map<String, Evidence> classify(Set<String> symbols, Set<String> unresolved, SectorInputs inputs, List<Finding> findings) {
        Map<String, Evidence> evidence = new HashMap<>();
        for (Path file : inputs.curatedFiles()) {
            read(file, evidence, findings);
        }
        evidence.keySet().retainAll(symbols);
        return evidence;
    }

    private static void read(Path file, Map<String, Evidence> evidence, List<Finding> findings) {
        String label = file.getFileName().toString();
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))
                .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            String[] header = reader.readNext();
            if (header == null) {
                return;
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i].replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), i);
            }
            Integer symbolColumn = columns.getOrDefault("symbol", columns.get("ticker"));
            Integer sectorColumn = columns.get("sector");
            if (symbolColumn == null || sectorColumn == null) {
                findings.add(Finding.error(label, 1, "MISSING_COLUMN", "a curated classification file needs 'symbol' and 'sector' columns"));
                return;
            }
            Integer industryColumn = columns.get("industry");
            Integer noteColumn = columns.getOrDefault("note", columns.get("source"));
            String[] row;
            while ((row = reader.readNext()) != null) {
                int line = (int) reader.getLinesRead();
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                Optional<String> symbol = Symbols.canonical(cell(row, symbolColumn));
                if (symbol.isEmpty()) {
                    findings.add(Finding.error(label, line, "INVALID_SYMBOL", "'" + cell(row, symbolColumn) + "' is not a symbol")
                            .at(symbolColumn + 1, header[symbolColumn]));
                    continue;
                }
                Optional<String> sector = Gics.sectorKey(cell(row, sectorColumn));
                if (sector.isEmpty()) {
                    findings.add(Finding.error(label, line, "UNKNOWN_SECTOR", "'" + cell(row, sectorColumn)
                            + "' is not a GICS sector; use one of " + String.join(", ", Gics.SECTORS.values())).at(sectorColumn + 1, header[sectorColumn]));
                    continue;
                }
                String industry = industryColumn == null ? null : blankToNull(cell(row, industryColumn));
                String note = noteColumn == null ? null : blankToNull(cell(row, noteColumn));
                evidence.put(symbol.get(), new Evidence("curated", sector.get(), industry, 1.0,
                        label + " line " + line + (note == null ? "" : ": " + note)));
            }
        } catch (IOException | com.opencsv.exceptions.CsvException e) {
            findings.add(Finding.error(label, null, "UNREADABLE_CSV", "could not read the curated classifications: " + e.getMessage()));
        }
    }

    private static String cell(String[] row, int column) {
        return column < row.length ? row[column] : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
