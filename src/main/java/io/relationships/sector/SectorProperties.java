package io.relationships.sector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sector classification ({@code relationships.sectors.*}).
 *
 * @param precedence   source names, strongest first
 * @param sectorFunds  sector ETF symbol → the GICS sector key its holdings belong to
 * @param provider     the HTTP provider (off by default)
 */
@Validated
@ConfigurationProperties("relationships.sectors")
public record SectorProperties(
        @DefaultValue({"curated", "issuer", "sector_etf", "screener", "provider"}) List<String> precedence,
        Map<String, String> sectorFunds,
        @DefaultValue Provider provider) {

    public SectorProperties {
        sectorFunds = sectorFunds == null ? Map.of() : Map.copyOf(sectorFunds);
    }

    /**
     * Ticker details over HTTP (Massive/Polygon's {@code /v3/reference/tickers/{ticker}}: SIC code and description).
     *
     * @param enabled            ask the provider about what no other source classifies (off by default: nothing
     *                           leaves the machine unless configured)
     * @param baseUrl            the provider's address
     * @param apiKey             the provider's key
     * @param requestsPerMinute  the provider's rate limit (the free plan allows 5)
     * @param maxAttempts        tries per ticker on 429, 5xx and timeouts
     * @param initialBackoff     the first wait before a retry (doubling after)
     * @param timeout            how long one request may take
     * @param maxSymbols         at most this many tickers per run (the provider is asked only about unresolved ones)
     */
    public record Provider(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("https://api.polygon.io") String baseUrl,
            String apiKey,
            @DefaultValue("5") int requestsPerMinute,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("500") int maxSymbols) {
    }
}
