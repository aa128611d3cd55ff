package io.relationships.sector;

/**
 * What one source says about a security's sector.
 *
 * @param source      the source's name (curated, issuer, sector_etf, screener, provider)
 * @param sector      a GICS sector key
 * @param industry    an industry name, where the source gives one (GICS sub-industry)
 * @param confidence  0–1: how sure this source is
 * @param detail      why, for the data steward (e.g. "3 of 3 issuer files", "held by XLK at 12.9%")
 */
public record Evidence(String source, String sector, String industry, double confidence, String detail) {
}
