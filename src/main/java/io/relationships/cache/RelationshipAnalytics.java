package io.relationships.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import io.relationships.graph.GraphReads.Weighted;
import org.springframework.stereotype.Service;

/**
 * Questions across relationships, answered from the cache: what two ETFs share, which ETFs a basket of stocks
 * makes up, what a portfolio of ETFs holds underneath, and an ETF's weights by sector.
 */
@Service
public class RelationshipAnalytics {

    /** The sector key of holdings without a sector. */
    public static final String UNKNOWN_SECTOR = "unknown";

    public record Overlap(GroupRow a, GroupRow b, List<Common> common, double overlapByCount, double overlapByWeight) {
    }

    public record Common(String symbol, Double weightInA, Double weightInB) {
    }

    public record EtfExposure(String etf, double weight, List<Weighted> holdings) {
    }

    public record LookThrough(double totalWeight, List<Weighted> stocks, List<Weighted> sectors, List<String> unknownEtfs) {
    }

    private final RelationshipCache cache;
    private volatile SectorIndex sectorIndex;

    RelationshipAnalytics(RelationshipCache cache) {
        this.cache = cache;
    }

    public Optional<Overlap> overlap(String a, String b) {
        Map<String, GroupRow> etfs = cache.getGroups(GroupType.ETF, List.of(a, b));
        GroupRow first = etfs.get(a);
        GroupRow second = etfs.get(b);
        if (first == null || second == null) {
            return Optional.empty();
        }
        Map<String, Double> inB = new HashMap<>();
        second.members().forEach(m -> inB.put(m.symbol(), m.weight()));
        List<Common> common = new ArrayList<>();
        double byWeight = 0;
        for (Weighted member : first.members()) {
            if (inB.containsKey(member.symbol())) {
                Double weightInB = inB.get(member.symbol());
                common.add(new Common(member.symbol(), member.weight(), weightInB));
                byWeight += Math.min(value(member.weight()), value(weightInB));
            }
        }
        common.sort(Comparator.comparingDouble((Common c) -> Math.min(value(c.weightInA()), value(c.weightInB()))).reversed()
                .thenComparing(Common::symbol));
        int smaller = Math.min(first.members().size(), second.members().size());
        return Optional.of(new Overlap(first, second, common, round(smaller == 0 ? 0 : (double) common.size() / smaller), round(byWeight)));
    }

    /** ETFs holding any of the basket, with the basket's total weight in each, most exposed first. */
    public List<EtfExposure> exposure(List<String> symbols) {
        Map<String, List<Weighted>> byEtf = new LinkedHashMap<>();
        for (StockRow stock : cache.getStocks(symbols).values()) {
            for (Weighted etf : stock.etfs()) {
                byEtf.computeIfAbsent(etf.symbol(), k -> new ArrayList<>())
                        .add(new Weighted(stock.symbol(), etf.weight(), etf.shares(), etf.marketValue()));
            }
        }
        List<EtfExposure> exposures = new ArrayList<>();
        byEtf.forEach((etf, holdings) -> {
            holdings.sort(Weighted.BY_WEIGHT);
            exposures.add(new EtfExposure(etf, round(holdings.stream().mapToDouble(h -> value(h.weight())).sum()), List.copyOf(holdings)));
        });
        exposures.sort(Comparator.comparingDouble(EtfExposure::weight).reversed().thenComparing(EtfExposure::etf));
        return exposures;
    }

    /**
     * A portfolio of ETFs (symbol → percent of the portfolio) seen through to its stocks and sectors. Each weight is a
     * percentage from 0 to 100; anything else (negative, past 100, not finite) is refused: sums of absurd weights
     * saturate and disagree with themselves.
     */
    public LookThrough lookThrough(Map<String, Double> portfolio) {
        portfolio.forEach((etf, weight) -> {
            if (weight == null || !Double.isFinite(weight) || weight < 0 || weight > 100) {
                throw new IllegalArgumentException("the weight of " + etf + " must be a percentage from 0 to 100, not " + weight);
            }
        });
        Map<String, GroupRow> etfs = cache.getGroups(GroupType.ETF, portfolio.keySet());
        Map<String, Double> stocks = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        double total = 0;
        for (var position : portfolio.entrySet()) {
            total += position.getValue();
            GroupRow etf = etfs.get(position.getKey());
            if (etf == null) {
                unknown.add(position.getKey());
                continue;
            }
            for (Weighted holding : etf.members()) {
                stocks.merge(holding.symbol(), position.getValue() * value(holding.weight()) / 100.0, Double::sum);
            }
        }
        List<Weighted> byStock = new ArrayList<>();
        stocks.forEach((symbol, weight) -> byStock.add(new Weighted(symbol, round(weight))));
        byStock.sort(Weighted.BY_WEIGHT);
        return new LookThrough(round(total), byStock, bySector(byStock), unknown);
    }

    /** An ETF's holdings summed by the holdings' sectors. */
    public List<Weighted> sectorWeights(GroupRow etf) {
        return bySector(etf.members());
    }

    private List<Weighted> bySector(List<Weighted> holdings) {
        Map<String, String> sectorOf = sectorsOf(holdings);
        Map<String, Double> sectors = new TreeMap<>();
        for (Weighted holding : holdings) {
            sectors.merge(sectorOf.getOrDefault(holding.symbol(), UNKNOWN_SECTOR), value(holding.weight()), Double::sum);
        }
        List<Weighted> weights = new ArrayList<>();
        sectors.forEach((sector, weight) -> weights.add(new Weighted(sector, round(weight))));
        weights.sort(Weighted.BY_WEIGHT);
        return weights;
    }

    /**
     * The sector of each holding, from the sectors' member lists. A stock's own entry would say it too, but it carries
     * every fund that holds the stock: for a fund of 20k holdings at 5M memberships, loading those rows to read one
     * key each took the start-up warm-up out of a 1 GB heap.
     */
    private Map<String, String> sectorsOf(List<Weighted> holdings) {
        Map<String, String> index = sectorIndex();
        Map<String, String> sectorOf = new HashMap<>(holdings.size() * 2);
        for (Weighted holding : holdings) {
            String sector = index.get(holding.symbol());
            if (sector != null) {
                sectorOf.put(holding.symbol(), sector);
            }
        }
        return sectorOf;
    }

    /** Every classified symbol's sector, made again only when a sector's cached row is not the one it was made from. */
    private Map<String, String> sectorIndex() {
        List<GroupRow> sectors = List.copyOf(new TreeMap<>(cache.getGroups(GroupType.SECTOR, cache.getAll(GroupType.SECTOR))).values());
        SectorIndex current = sectorIndex;
        if (current != null && current.isOf(sectors)) {
            return current.sectorOf();
        }
        Map<String, String> sectorOf = new HashMap<>();
        for (GroupRow sector : sectors) {
            for (Weighted member : sector.members()) {
                sectorOf.putIfAbsent(member.symbol(), sector.key());
            }
        }
        sectorIndex = new SectorIndex(sectors, Map.copyOf(sectorOf));
        return sectorIndex.sectorOf();
    }

    /** A symbol → sector index and the cached sector rows it was made from (compared by identity). */
    private record SectorIndex(List<GroupRow> rows, Map<String, String> sectorOf) {

        boolean isOf(List<GroupRow> sectors) {
            if (sectors.size() != rows.size()) {
                return false;
            }
            for (int i = 0; i < sectors.size(); i++) {
                if (sectors.get(i) != rows.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Sums of percentages, to the precision the files carry (no 18.279999999999998). */
    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static double value(Double weight) {
        return weight == null ? 0 : weight;
    }
}
