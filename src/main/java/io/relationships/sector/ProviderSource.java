package io.relationships.sector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.relationships.load.Finding;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Ticker details over HTTP for what no other source could classify (off by default: it costs requests and
 * time), mapped from SIC codes to GICS by the editable {@code sic-sectors.csv}. A provider failure aborts the
 * enrichment with a clear error, so the classifications stay as they were.
 */
@Component
@Order(5)
class ProviderSource implements SectorSource {

    /** The run cannot go on: the provider failed. */
    static final class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TickerDetailsProvider provider;
    private final MappingTables tables;
    private final SectorProperties properties;

    ProviderSource(TickerDetailsProvider provider, MappingTables tables, SectorProperties properties) {
        this.provider = provider;
        this.tables = tables;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "provider";
    }

    @Override
    public Map<String, Evidence> classify(Set<String> symbols, Set<String> unresolved, SectorInputs inputs, List<Finding> findings) {
        Map<String, Evidence> evidence = new HashMap<>();
        if (!properties.provider().enabled()) {
            return evidence;
        }
        int asked = 0;
        for (String symbol : unresolved.stream().sorted().toList()) {
            if (asked++ >= properties.provider().maxSymbols()) {
                findings.add(Finding.info(null, null, "PROVIDER_LIMIT", "the provider was asked about " + properties.provider().maxSymbols()
                        + " symbols (relationships.sectors.provider.max-symbols); " + (unresolved.size() - properties.provider().maxSymbols())
                        + " remain unknown"));
                break;
            }
            Optional<TickerDetailsProvider.TickerDetails> details;
            try {
                details = provider.details(symbol);
            } catch (TickerDetailsProvider.ProviderException e) {
                throw new Failed(e.getMessage(), e);
            }
            details.filter(d -> d.sicCode() != null).ifPresent(d -> tables.sicSector(d.sicCode()).ifPresent(sector ->
                    evidence.put(symbol, new Evidence(name(), sector, null, 0.6,
                            "SIC " + d.sicCode() + (d.sicDescription() == null ? "" : " " + d.sicDescription())))));
        }
        return evidence;
    }
}
