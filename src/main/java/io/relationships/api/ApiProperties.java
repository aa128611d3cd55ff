package io.relationships.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the API ({@code relationships.api.*}).
 *
 * @param defaultPageSize   {@code first} when a client gives none
 * @param maxPageSize       the largest {@code first} a client may ask for
 * @param documentCacheSize parsed and validated query documents kept (and persisted queries known)
 * @param responseCache     whole responses of relationship queries, dropped on every data change
 */
@ConfigurationProperties("relationships.api")
public record ApiProperties(
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue("2000") int documentCacheSize,
        @DefaultValue ResponseCacheSettings responseCache) {

    public record ResponseCacheSettings(@DefaultValue("true") boolean enabled,
                                        @DefaultValue("64MB") org.springframework.util.unit.DataSize maxSize) {
    }
}
