package io.relationships.sector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.relationships.catalog.Symbols;
import io.relationships.load.Finding;
import io.relationships.load.format.CsvTable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Manual overrides: {@code sector_classifications.csv} ({@code symbol,sector,industry,note}), kept by the data
 * stewards. Always wins when first in precedence (the default). A row that cannot be read rejects the run; a row
 * whose sector is blank (the worklist's template, partly filled in) is left out.
 */
@Component
@Order(1)
class CuratedSource implements SectorSource {

    /** The file's columns, as {@link SectorWorklist}'s template writes them. */
    static final String HEADER = "symbol,sector,industry,note";

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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            findings.add(Finding.error(label, null, "UNREADABLE_CSV", "could not read the curated classifications: " + e.getMessage()));
            return;
        }
        Optional<CsvTable> read = CsvTable.read(label, bytes, findings);
        if (read.isEmpty()) {
            return;
        }
        CsvTable table = read.get();
        OptionalInt symbolColumn = table.column("symbol", "ticker");
        OptionalInt sectorColumn = table.column("sector");
        if (symbolColumn.isEmpty() || sectorColumn.isEmpty()) {
            findings.add(Finding.error(label, table.headerLine(), "MISSING_COLUMN",
                    "a curated classification file needs 'symbol' and 'sector' columns"));
            return;
        }
        int symbolAt = symbolColumn.getAsInt();
        int sectorAt = sectorColumn.getAsInt();
        OptionalInt industryColumn = table.column("industry");
        OptionalInt noteColumn = table.column("note", "source");
        for (CsvTable.Row row : table.rows()) {
            Optional<String> symbol = Symbols.canonical(row.cell(symbolAt));
            if (symbol.isEmpty()) {
                findings.add(Finding.error(label, row.line(), "INVALID_SYMBOL", "'" + Finding.excerpt(row.cell(symbolAt)) + "' is not a symbol")
                        .at(symbolAt + 1, table.header(symbolAt)));
                continue;
            }
            if (row.text(sectorAt) == null) {
                // a row of the steward's template not filled in yet: "not yet", not a mistake
                findings.add(Finding.info(label, row.line(), "SECTOR_NOT_GIVEN", symbol.get() + " has no sector yet; the row is left out")
                        .at(sectorAt + 1, table.header(sectorAt)));
                continue;
            }
            Optional<String> sector = Gics.sectorKey(row.cell(sectorAt));
            if (sector.isEmpty()) {
                findings.add(Finding.error(label, row.line(), "UNKNOWN_SECTOR", "'" + Finding.excerpt(row.cell(sectorAt))
                        + "' is not a GICS sector; use one of " + String.join(", ", Gics.SECTORS.values())).at(sectorAt + 1, table.header(sectorAt)));
                continue;
            }
            String industry = industryColumn.isEmpty() ? null : row.text(industryColumn.getAsInt());
            String note = noteColumn.isEmpty() ? null : row.text(noteColumn.getAsInt());
            evidence.put(symbol.get(), new Evidence("curated", sector.get(), industry, 1.0,
                    label + " line " + row.line() + (note == null ? "" : ": " + note)));
        }
    }
}
