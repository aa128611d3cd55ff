package io.relationships.sector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.relationships.load.DataDirectory;
import io.relationships.load.Finding;
import io.relationships.load.format.CsvTable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The documented, editable vocabulary tables: screener sectors → GICS and SIC ranges → GICS. The copies shipped
 * in the jar apply unless the data directory's {@code sectors/} folder holds its own.
 */
@Component
class MappingTables {

    record ScreenerRule(String sector, String industryContains, String gics) {
    }

    record SicRange(int from, int to, String gics) {
    }

    private final DataDirectory dataDirectory;

    MappingTables(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** The GICS sector a screener's sector and industry map to, if the table maps them. */
    Optional<String> screenerSector(String sector, String industry) {
        if (sector == null || sector.isBlank()) {
            return Optional.empty();
        }
        List<ScreenerRule> rules = screenerRules();
        String industryText = industry == null ? "" : industry.toLowerCase(Locale.ROOT);
        for (ScreenerRule rule : rules) {
            if (rule.sector().equalsIgnoreCase(sector.strip()) && !rule.industryContains().isEmpty()
                    && industryText.contains(rule.industryContains().toLowerCase(Locale.ROOT))) {
                return Optional.of(rule.gics());
            }
        }
        return rules.stream().filter(r -> r.sector().equalsIgnoreCase(sector.strip()) && r.industryContains().isEmpty())
                .map(ScreenerRule::gics).findFirst();
    }

    Optional<String> sicSector(int sic) {
        return sicRanges().stream().filter(r -> sic >= r.from() && sic <= r.to()).map(SicRange::gics).findFirst();
    }

    List<ScreenerRule> screenerRules() {
        List<ScreenerRule> rules = new ArrayList<>();
        for (String[] row : rows("screener-sectors.csv")) {
            rules.add(new ScreenerRule(row[0].strip(), row.length > 1 ? row[1].strip() : "", row[2].strip()));
        }
        return rules;
    }

    List<SicRange> sicRanges() {
        List<SicRange> ranges = new ArrayList<>();
        for (String[] row : rows("sic-sectors.csv")) {
            ranges.add(new SicRange(Integer.parseInt(row[0].strip()), Integer.parseInt(row[1].strip()), row[2].strip()));
        }
        return ranges;
    }

    /**
     * The rows of a mapping table (the data directory's override, else the shipped copy), read like every other
     * CSV; a table that cannot be read stops the enrichment with the file and line.
     */
    private List<String[]> rows(String name) {
        Path override = dataDirectory.resolve("sectors").resolve(name);
        byte[] bytes = bytes(name);
        List<Finding> findings = new ArrayList<>();
        CsvTable table = CsvTable.read(name, bytes, findings).orElse(null);
        Optional<Finding> error = findings.stream().filter(Finding::isError).findFirst();
        if (table == null || error.isPresent()) {
            throw new IllegalStateException("The mapping table " + override + " cannot be read: " + error.map(Finding::toString).orElse(name));
        }
        List<String[]> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            if (row.cells().length < 3) {
                throw new IllegalStateException("The mapping table " + name + ", line " + row.line() + ": expected 3 columns, found "
                        + row.cells().length);
            }
            rows.add(row.cells());
        }
        return rows;
    }

    /** Both tables' bytes as they apply now (override or shipped copy), for {@link EnrichmentInputs}. */
    List<byte[]> contents() {
        return List.of(bytes("screener-sectors.csv"), bytes("sic-sectors.csv"));
    }

    private byte[] bytes(String name) {
        Path override = dataDirectory.resolve("sectors").resolve(name);
        try {
            return Files.isRegularFile(override) ? Files.readAllBytes(override)
                    : new ClassPathResource("io/relationships/sector/" + name).getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the mapping table " + name, e);
        }
    }
}
