package io.relationships.sector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.relationships.catalog.ClassificationReads;
import io.relationships.load.Finding;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The sector column issuer and index files carry (iShares, Invesco, the JSON holdings, S&P's constituents list),
 * as the loaders kept it on each membership. Files that disagree vote; the confidence is the winner's share.
 */
@Component
@Order(2)
class IssuerSource implements SectorSource {

    private final ClassificationReads catalog;

    IssuerSource(ClassificationReads catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "issuer";
    }

    @Override
    public Map<String, Evidence> classify(Set<String> symbols, Set<String> unresolved, SectorInputs inputs, List<Finding> findings) {
        Map<String, Map<String, Integer>> sectorVotes = new HashMap<>();
        Map<String, Map<String, Integer>> industryVotes = new HashMap<>();
        // a few symbols (the securities a load introduced): ask for those; many: one pass over all issuer rows is cheaper
        catalog.forEachIssuerSector(symbols.size() <= 5_000 ? symbols : null, (symbol, sectorText, industryText, group) -> {
            if (!symbols.contains(symbol)) {
                return;
            }
            Gics.sectorKey(sectorText).ifPresent(sector -> sectorVotes.computeIfAbsent(symbol, s -> new TreeMap<>()).merge(sector, 1, Integer::sum));
            if (industryText != null && !industryText.isBlank() && !industryText.equals("-")) {
                industryVotes.computeIfAbsent(symbol, s -> new TreeMap<>()).merge(industryText.strip(), 1, Integer::sum);
            }
        });
        Map<String, Evidence> evidence = new HashMap<>();
        sectorVotes.forEach((symbol, votes) -> {
            int total = votes.values().stream().mapToInt(Integer::intValue).sum();
            var winner = votes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow();
            String industry = industryVotes.getOrDefault(symbol, Map.of()).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            String detail = winner.getValue() + " of " + total + " issuer file(s)"
                    + (votes.size() > 1 ? "; others say " + others(votes, winner.getKey()) : "");
            evidence.put(symbol, new Evidence(name(), winner.getKey(), industry, (double) winner.getValue() / total, detail));
        });
        return evidence;
    }

    private static String others(Map<String, Integer> votes, String winner) {
        StringBuilder text = new StringBuilder();
        votes.forEach((sector, count) -> {
            if (!sector.equals(winner)) {
                text.append(text.isEmpty() ? "" : ", ").append(sector).append(" (").append(count).append(')');
            }
        });
        return text.toString();
    }
}
