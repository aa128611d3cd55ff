package io.relationships.catalog;

/** The kinds of definition group the platform models. */
public enum GroupType {
    ETF, SECTOR, INDUSTRY, THEME, UNIVERSE
}
