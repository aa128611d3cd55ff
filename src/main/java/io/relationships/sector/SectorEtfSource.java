package io.relationships.sector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relationships.catalog.ClassificationReads;
import io.relationships.catalog.ClassificationReads.FundHolding;
import io.relationships.load.Finding;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Inference from sector funds: a stock held by XLK (or VGT, IYW, …; the fund → sector map is configuration)
 * belongs to information technology. When funds of different sectors hold it, the fund where it weighs most
 * decides, and the conflict is reported.
 */
@Component
@Order(3)
class SectorEtfSource implements SectorSource {

    private static final int MAX_CONFLICT_FINDINGS = 100;

    private final ClassificationReads catalog;
    private final SectorProperties properties;

    SectorEtfSource(ClassificationReads catalog, SectorProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "sector_etf";
    }

    @Override
    public Map<String, Evidence> classify(Set<String> symbols, Set<String> unresolved, SectorInputs inputs, List<Finding> findings) {
        Map<String, String> funds = new HashMap<>();
        properties.sectorFunds().forEach((fund, sector) -> Gics.sectorKey(sector).ifPresent(key -> funds.put(fund.toUpperCase(), key)));
        Map<String, List<FundHolding>> bySymbol = new HashMap<>();
        for (FundHolding holding : catalog.holdingsOf(funds.keySet())) {
            if (symbols.contains(holding.symbol())) {
                bySymbol.computeIfAbsent(holding.symbol(), s -> new ArrayList<>()).add(holding);
            }
        }
        Map<String, Evidence> evidence = new HashMap<>();
        int conflicts = 0;
        for (var entry : bySymbol.entrySet()) {
            List<FundHolding> holdings = entry.getValue();
            holdings.sort(Comparator.comparing((FundHolding h) -> h.weight() == null ? 0.0 : h.weight().doubleValue()).reversed());
            FundHolding strongest = holdings.get(0);
            String sector = funds.get(strongest.fund());
            long disagreeing = holdings.stream().filter(h -> !funds.get(h.fund()).equals(sector)).count();
            double confidence = disagreeing == 0 ? 0.9 : 0.9 * (holdings.size() - disagreeing) / holdings.size();
            String detail = "held by " + strongest.fund() + (strongest.weight() == null ? "" : " at " + strongest.weight().toPlainString() + "%")
                    + (holdings.size() > 1 ? " (and " + (holdings.size() - 1) + " other sector fund(s))" : "");
            if (disagreeing > 0 && conflicts++ < MAX_CONFLICT_FINDINGS) {
                StringBuilder funds2 = new StringBuilder();
                holdings.forEach(h -> funds2.append(funds2.isEmpty() ? "" : ", ").append(h.fund()).append(' ')
                        .append(h.weight() == null ? "?" : h.weight().toPlainString()).append("% → ").append(funds.get(h.fund())));
                findings.add(Finding.warning(null, null, "SECTOR_FUNDS_DISAGREE", entry.getKey() + " is held by sector funds of different sectors ("
                        + funds2 + "); the largest weight decides: " + sector));
            }
            evidence.put(entry.getKey(), new Evidence(name(), sector, null, confidence, detail));
        }
        return evidence;
    }
}
