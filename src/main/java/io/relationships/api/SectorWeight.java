package io.relationships.api;

/** A share of a portfolio or an ETF by sector key ({@code unknown} for unclassified holdings). */
record SectorWeight(String key, Double weight) {
}
