package io.relationships.cache;

/** Which entries a refresh evicts. */
public enum CacheScope {
    ALL, STOCKS, ETFS, SECTORS, INDUSTRIES, THEMES, UNIVERSES
}
