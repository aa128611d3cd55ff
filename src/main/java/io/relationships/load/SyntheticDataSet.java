package io.relationships.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes a deterministic synthetic data directory (same seed, same bytes) in the project's own formats, for
 * benchmarks and scale tests: {@code holdings/}, {@code universes/}, {@code themes/} and {@code sectors/}.
 * <p>
 * {@code platform}: ≈3,700 stocks, 28 ETFs (one of ≈3,500 holdings), 4 universes, 12 sectors, 20 themes — the
 * size of today's platform. {@code large}: 100k stocks, 2k ETFs, 5M memberships; {@code medium}: 40k stocks, 400 ETFs,
 * 1M memberships, the same shape.
 * <pre>
 * java -cp target/classes io.relationships.load.SyntheticDataSet platform target/synthetic-platform
 * java -cp target/classes io.relationships.load.SyntheticDataSet large target/synthetic-large
 * java -cp target/classes io.relationships.load.SyntheticDataSet mutate target/synthetic-large 0.01   # re-weight 1% of the ETFs
 * </pre>
 */
public final class SyntheticDataSet {

    /** The eleven GICS sectors, as issuers write them; stocks without one make the twelfth, unknown. */
    static final List<String> SECTORS = List.of("Information Technology", "Health Care", "Financials", "Consumer Discretionary",
            "Communication Services", "Industrials", "Consumer Staples", "Energy", "Utilities", "Real Estate", "Materials");

    public record Scale(String name, int stocks, int etfs, long memberships, int largestEtf, int themes) {
        public static final Scale PLATFORM = new Scale("platform", 3_700, 28, 14_000, 3_500, 20);
        /** A fifth of {@code large} with the same shape (ETF sizes, largest fund): for iterating on the large scale's costs. */
        public static final Scale MEDIUM = new Scale("medium", 40_000, 400, 1_000_000, 20_000, 20);
        public static final Scale LARGE = new Scale("large", 100_000, 2_000, 5_000_000, 20_000, 20);

        static Scale named(String name) {
            return switch (name) {
                case "platform" -> PLATFORM;
                case "medium" -> MEDIUM;
                case "large" -> LARGE;
                default -> throw new IllegalArgumentException("scale must be platform, medium or large, not " + name);
            };
        }
    }

    private final Scale scale;
    private final Random random;

    public SyntheticDataSet(Scale scale, long seed) {
        this.scale = scale;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("mutate")) {
            double fraction = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
            int changed = mutate(Path.of(args[1]), fraction, 7);
            System.out.println("re-weighted " + changed + " holdings files in " + args[1]);
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: SyntheticDataSet platform|medium|large <directory> | mutate <directory> [fraction]");
            System.exit(2);
        }
        long started = System.nanoTime();
        long memberships = new SyntheticDataSet(Scale.named(args[0]), 42).write(Path.of(args[1]));
        System.out.printf(Locale.ROOT, "wrote %s (%,d ETF memberships) in %.1f s%n", args[1], memberships, (System.nanoTime() - started) / 1e9);
    }

    /** Writes the data set and returns the number of ETF memberships written. */
    public long write(Path directory) throws IOException {
        for (String folder : List.of("holdings", "universes", "themes", "sectors")) {
            Files.createDirectories(directory.resolve(folder));
        }
        List<String> symbols = symbols(scale.stocks());
        String[] sectors = new String[symbols.size()];
        for (int i = 0; i < sectors.length; i++) {
            // a few stocks have no sector in any file: the enrichment's work
            sectors[i] = random.nextDouble() < 0.03 ? "" : SECTORS.get(random.nextInt(SECTORS.size()));
        }
        long memberships = 0;
        int[] sizes = etfSizes();
        for (int e = 0; e < scale.etfs(); e++) {
            String fund = String.format(Locale.ROOT, "F%04d", e); // digits: never one of the letter-only stock symbols
            Set<Integer> members = pick(sizes[e], symbols.size());
            memberships += members.size();
            writeHoldings(directory.resolve("holdings/" + fund + ".csv"), fund, "Synthetic Fund " + fund, members, symbols, sectors);
        }
        writeUniverse(directory.resolve("universes/sp500.csv"), range(0, Math.min(500, symbols.size())), symbols, sectors);
        writeUniverse(directory.resolve("universes/nasdaq100.csv"), pick(100, Math.min(1_000, symbols.size())), symbols, sectors);
        writeUniverse(directory.resolve("universes/dow30.csv"), pick(30, Math.min(200, symbols.size())), symbols, sectors);
        writeUniverse(directory.resolve("universes/russell3000.csv"), range(0, Math.min(3_000, symbols.size())), symbols, sectors);
        writeThemes(directory.resolve("themes/themes.csv"), symbols);
        writeSectors(directory.resolve("sectors/sector_classifications.csv"), symbols, sectors);
        return memberships;
    }

    /** ETF sizes: one very large fund, the rest log-normally spread, adding up to the scale's membership count. */
    private int[] etfSizes() {
        int[] sizes = new int[scale.etfs()];
        sizes[0] = scale.largestEtf();
        double[] raw = new double[scale.etfs()];
        double total = 0;
        for (int i = 1; i < raw.length; i++) {
            raw[i] = Math.exp(random.nextGaussian() * 1.1);
            total += raw[i];
        }
        long remaining = scale.memberships() - sizes[0];
        for (int i = 1; i < raw.length; i++) {
            sizes[i] = (int) Math.max(10, Math.min(scale.stocks(), Math.round(raw[i] / total * remaining)));
        }
        return sizes;
    }

    /** {@code n} distinct stock indexes, favouring low indexes (large caps are held by more funds). */
    private Set<Integer> pick(int n, int universe) {
        Set<Integer> picked = new LinkedHashSet<>();
        int wanted = Math.min(n, universe);
        while (picked.size() < wanted) {
            double u = random.nextDouble();
            int index = (int) Math.min(universe - 1, Math.floor(universe * Math.pow(u, 1.6)));
            if (!picked.add(index) && picked.size() > wanted * 0.9) {
                // the last few: take the nearest free index so that big funds finish quickly
                for (int i = index; i < universe && picked.size() < wanted; i++) {
                    if (picked.add(i)) {
                        break;
                    }
                }
            }
        }
        return picked;
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> set = new LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            set.add(i);
        }
        return set;
    }

    private void writeHoldings(Path file, String fund, String name, Set<Integer> members, List<String> symbols, String[] sectors) throws IOException {
        double[] weights = weights(members.size());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# fund: " + fund + "\n# name: " + name + "\n# issuer: Synthetic\n# as_of: 2025-11-14\n");
            out.write("symbol,name,weight,sector\n");
            int i = 0;
            for (int member : members) {
                out.write(symbols.get(member) + ",Company " + symbols.get(member) + ","
                        + String.format(Locale.ROOT, "%.6f", weights[i++]) + "," + sectors[member] + "\n");
            }
        }
    }

    private void writeUniverse(Path file, Set<Integer> members, List<String> symbols, String[] sectors) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("symbol,name,weight,sector,market_cap\n");
            double[] weights = weights(members.size());
            int i = 0;
            for (int member : members) {
                long marketCap = (long) (5e11 / Math.pow(member + 1, 0.9));
                out.write(symbols.get(member) + ",Company " + symbols.get(member) + "," + String.format(Locale.ROOT, "%.6f", weights[i++])
                        + "," + sectors[member] + "," + marketCap + "\n");
            }
        }
    }

    private void writeThemes(Path file, List<String> symbols) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("theme,name,description,symbols\n");
            for (int t = 0; t < scale.themes(); t++) {
                List<String> members = new ArrayList<>();
                for (int index : pick(10 + random.nextInt(40), Math.min(2_000, symbols.size()))) {
                    members.add(symbols.get(index));
                }
                out.write("theme_" + (t + 1) + ",Theme " + (t + 1) + ",Synthetic theme " + (t + 1) + "," + String.join(";", members) + "\n");
            }
        }
    }

    private void writeSectors(Path file, List<String> symbols, String[] sectors) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("symbol,sector,industry,note\n");
            for (int i = 0; i < Math.min(50, symbols.size()); i++) {
                if (!sectors[i].isEmpty()) {
                    out.write(symbols.get(i) + "," + sectors[i] + ",,synthetic override\n");
                }
            }
        }
    }

    /** Weights in percent that add up to 100 (to rounding), skewed like a cap-weighted fund. */
    private double[] weights(int n) {
        double[] weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / Math.pow(i + 1, 0.8) * (0.5 + random.nextDouble());
            total += weights[i];
        }
        for (int i = 0; i < n; i++) {
            weights[i] = weights[i] / total * 100;
        }
        return weights;
    }

    /** Re-weights a fraction of the holdings files in place (the "1% changed" of the incremental benchmark). */
    public static int mutate(Path directory, double fraction, long seed) throws IOException {
        Random random = new Random(seed);
        List<Path> files;
        try (var list = Files.list(directory.resolve("holdings"))) {
            files = list.sorted().toList();
        }
        // at least one file, so that a small data set changes too (1% of 28 ETFs rounds to none)
        List<Path> chosen = new ArrayList<>(files);
        Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, Math.max(1, (int) Math.round(files.size() * fraction)));
        int changed = 0;
        for (Path file : chosen) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>(lines.size());
            for (String line : lines) {
                String[] cells = line.split(",", -1);
                if (cells.length == 4 && !line.startsWith("#") && !line.startsWith("symbol,")) {
                    double weight = Double.parseDouble(cells[2]) * (0.98 + random.nextDouble() * 0.04);
                    cells[2] = String.format(Locale.ROOT, "%.6f", weight);
                    line = String.join(",", cells);
                }
                out.add(line);
            }
            Files.write(file, out, StandardCharsets.UTF_8);
            changed++;
        }
        return changed;
    }

    private static List<String> symbols(int n) {
        List<String> symbols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            symbols.add(symbol(i));
        }
        return symbols;
    }

    /** A, B, …, Z, AA, AB, …: bijective base 26. */
    static String symbol(int index) {
        StringBuilder s = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            n--;
            s.append((char) ('A' + n % 26));
            n /= 26;
        }
        return s.reverse().toString();
    }
}
