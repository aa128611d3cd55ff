package io.relationships.sector;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.relationships.load.Finding;
import org.springframework.stereotype.Component;

/**
 * The sector sources in their configured precedence, and what they decide for a set of securities: the first
 * source with evidence gives the sector; its industry, or else the first industry any source gives for that sector.
 */
@Component
class SectorDecider {

    /** A decision for one security; {@code evidence} is null when no source knew it ({@code unknown}). */
    record Decision(String sector, String industry, Evidence evidence) {

        /** What a sector or industry membership records about where it came from. */
        Map<String, Object> provenance() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (evidence != null) {
                metadata.put("source", evidence.source());
                metadata.put("confidence", Math.round(evidence.confidence() * 1000) / 1000.0);
                metadata.put("detail", evidence.detail());
            } else {
                metadata.put("source", "none");
            }
            return metadata;
        }
    }

    /** The decisions, and each source's evidence (for the run's report). */
    record Outcome(Map<String, Decision> decisions, Map<String, Map<String, Evidence>> bySource) {
    }

    private final List<SectorSource> sources;
    private final SectorProperties properties;

    SectorDecider(List<SectorSource> sources, SectorProperties properties) {
        this.sources = sources;
        this.properties = properties;
        for (String name : properties.precedence()) {
            if (sources.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalStateException("relationships.sectors.precedence names an unknown source '" + name + "'; known: "
                        + sources.stream().map(SectorSource::name).toList());
            }
        }
    }

    /**
     * Asks the sources in precedence about {@code symbols}, but those named in {@code skipped} (a load run does not
     * call the HTTP provider). Throws {@link ProviderSource.Failed} when the provider fails.
     */
    Outcome decide(Set<String> symbols, SectorInputs inputs, List<Finding> findings, Set<String> skipped) {
        Map<String, Map<String, Evidence>> bySource = new LinkedHashMap<>();
        Set<String> unresolved = new LinkedHashSet<>(symbols);
        for (String name : properties.precedence()) {
            if (skipped.contains(name)) {
                continue;
            }
            SectorSource source = sources.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            Map<String, Evidence> evidence = source.classify(symbols, unresolved, inputs, findings);
            bySource.put(name, evidence);
            unresolved.removeAll(evidence.keySet());
        }
        Map<String, Decision> decisions = new TreeMap<>();
        for (String symbol : symbols) {
            Evidence winner = null;
            String industry = null;
            for (Map<String, Evidence> evidence : bySource.values()) {
                Evidence e = evidence.get(symbol);
                if (e == null) {
                    continue;
                }
                if (winner == null) {
                    winner = e;
                }
                if (industry == null && e.industry() != null && e.sector().equals(winner.sector())) {
                    industry = e.industry();
                }
            }
            decisions.put(symbol, new Decision(winner == null ? Gics.UNKNOWN : winner.sector(), industry, winner));
        }
        return new Outcome(decisions, bySource);
    }
}
