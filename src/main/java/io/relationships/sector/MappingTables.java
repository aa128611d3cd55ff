package io.relationships.sector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.relationships.load.DataDirectory;
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

    private List<String[]> rows(String name) {
        try {
            Path override = dataDirectory.resolve("sectors").resolve(name);
            String text = Files.isRegularFile(override) ? Files.readString(override, StandardCharsets.UTF_8)
                    : new ClassPathResource("io/relationships/sector/" + name).getContentAsString(StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line : text.split("\\R")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the mapping table " + name, e);
        }
    }
}
