package io.relationships.catalog;

import java.math.BigDecimal;

/**
 * What a file says about a security. Loads fill in what the catalog does not know yet (name, exchange,
 * identifiers) and keep the newest market cap; they do not overwrite one issuer's spelling of a name with another's.
 */
public record StagedSecurity(String symbol, String name, String assetType, String exchange, BigDecimal marketCap,
                             String cusip, String isin) {

    public static StagedSecurity of(String symbol, String name) {
        return new StagedSecurity(symbol, name, null, null, null, null, null);
    }

    /** Combines two descriptions of the same security, keeping the first non-empty value of each field. */
    public StagedSecurity merge(StagedSecurity other) {
        return new StagedSecurity(symbol, first(name, other.name), first(assetType, other.assetType), first(exchange, other.exchange),
                marketCap != null ? marketCap : other.marketCap, first(cusip, other.cusip), first(isin, other.isin));
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
