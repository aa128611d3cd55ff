package io.relationships.sector;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The eleven GICS sectors (and {@code unknown}), keyed as the platform keys them ({@code information_technology}),
 * with the spellings issuer files use for them ("Communication" at iShares, "Telecommunication Services" before
 * 2018, …).
 */
public final class Gics {

    public static final String UNKNOWN = "unknown";

    /** Key to display name, in the usual order. */
    public static final Map<String, String> SECTORS = new LinkedHashMap<>();

    private static final Map<String, String> SPELLINGS = new LinkedHashMap<>();

    static {
        sector("information_technology", "Information Technology", "information technology", "technology", "it", "info tech");
        sector("health_care", "Health Care", "health care", "healthcare");
        sector("financials", "Financials", "financials", "financial", "finance", "financial services");
        sector("consumer_discretionary", "Consumer Discretionary", "consumer discretionary", "consumer cyclical");
        sector("communication_services", "Communication Services", "communication services", "communication", "communications",
                "telecommunication services", "telecommunications", "telecom");
        sector("industrials", "Industrials", "industrials", "industrial");
        sector("consumer_staples", "Consumer Staples", "consumer staples", "consumer defensive");
        sector("energy", "Energy", "energy");
        sector("utilities", "Utilities", "utilities", "utility");
        sector("real_estate", "Real Estate", "real estate", "reits");
        sector("materials", "Materials", "materials", "basic materials");
        SECTORS.put(UNKNOWN, "Unknown");
    }

    private Gics() {
    }

    private static void sector(String key, String name, String... spellings) {
        SECTORS.put(key, name);
        SPELLINGS.put(key.replace('_', ' '), key);
        for (String spelling : spellings) {
            SPELLINGS.put(spelling, key);
        }
    }

    /** The sector a text names, if it names one ("Cash and/or Derivatives", "Unknown", "-" name none). */
    public static Optional<String> sectorKey(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = text.strip().toLowerCase(Locale.ROOT).replace('&', ' ').replace('_', ' ').replaceAll("\\s+", " ");
        if (SECTORS.containsKey(text.strip())) {
            return Optional.of(text.strip()).filter(k -> !k.equals(UNKNOWN));
        }
        return Optional.ofNullable(SPELLINGS.get(normalised));
    }

    /** {@code Industrial Conglomerates} → {@code industrial_conglomerates}. */
    public static String industryKey(String name) {
        String ascii = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
