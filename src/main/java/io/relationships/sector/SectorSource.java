package io.relationships.sector;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relationships.load.Finding;

/**
 * A source of sector classifications. Sources are applied in a configured order of precedence
 * ({@code relationships.sectors.precedence}); the first that has evidence for a security decides.
 */
public interface SectorSource {

    /** The name used in configuration, provenance and reports. */
    String name();

    /**
     * Evidence for the symbols it knows among {@code symbols}; {@code unresolved} are those no source of higher
     * precedence has classified (sources that cost money or time ask only about those). Findings (conflicts,
     * unreadable files) go to {@code findings}.
     */
    Map<String, Evidence> classify(Set<String> symbols, Set<String> unresolved, SectorInputs inputs, List<Finding> findings);
}
