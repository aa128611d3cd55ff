package io.relationships.load.format;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The logical columns readers look for, with the header spellings publishers use for them. Headers are matched
 * case-insensitively, ignoring underscores, repeated spaces and a trailing {@code (%)}-style unit where listed.
 */
public enum Field {
    SYMBOL("symbol", "ticker", "holding ticker", "ticker symbol", "stock symbol"),
    NAME("name", "security", "company", "security name", "company name", "holding name"),
    WEIGHT("weight", "weight (%)", "weight %", "weight(%)", "weighting", "% weight", "% of net assets", "index weight",
            "portfolio weight", "weight pct", "percent"),
    SECTOR("sector", "gics sector"),
    INDUSTRY("industry", "gics sub-industry", "sub-industry", "gics industry", "sub industry"),
    MARKET_CAP("market cap", "marketcap", "market capitalization", "market cap ($)"),
    SHARES("shares", "quantity", "shares held", "shares/par value", "par value"),
    MARKET_VALUE("market value", "marketvalue", "market value ($)"),
    CUSIP("cusip"),
    ISIN("isin"),
    SEDOL("sedol"),
    ASSET_CLASS("asset class"),
    EXCHANGE("exchange"),
    DATE("date", "as of", "as of date", "asof"),
    FUND("fund", "fund ticker");

    private static final Map<String, Field> BY_ALIAS = new HashMap<>();

    static {
        for (Field field : values()) {
            for (String alias : field.aliases) {
                BY_ALIAS.put(normalise(alias), field);
            }
        }
    }

    private final List<String> aliases;

    Field(String... aliases) {
        this.aliases = List.of(aliases);
    }

    public List<String> aliases() {
        return aliases;
    }

    public static Optional<Field> forHeader(String header) {
        return Optional.ofNullable(BY_ALIAS.get(normalise(header)));
    }

    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        return header.replace('\uFEFF', ' ')
                .replaceAll("([a-z])([A-Z])", "$1 $2") // marketValue, asOf
                .replace('_', ' ')
                .strip()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
