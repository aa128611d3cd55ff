package io.relationships.api;

/** An ETF–stock edge, as {@code Holding} answers it: from an ETF's holdings, a stock's ETFs or an exposure. */
record Holding(String etf, String stock, Double weight) {
}
