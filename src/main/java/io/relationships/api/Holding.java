package io.relationships.api;

import io.relationships.graph.GraphReads.Weighted;

/**
 * An ETF–stock edge, as {@code Holding} answers it: from an ETF's holdings, a stock's ETFs or an exposure, now or on a
 * past day. Shares and market value are the issuer file's, where it gives them.
 */
record Holding(String etf, String stock, Double weight, Double shares, Double marketValue) {

    /** {@code etf}'s holding of the member {@code stock}. */
    static Holding ofEtf(String etf, Weighted stock) {
        return new Holding(etf, stock.symbol(), stock.weight(), stock.shares(), stock.marketValue());
    }

    /** The holding of {@code stock} by the member {@code etf} of a stock's list. */
    static Holding ofStock(String stock, Weighted etf) {
        return new Holding(etf.symbol(), stock, etf.weight(), etf.shares(), etf.marketValue());
    }
}
