package io.relationships.load;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the loaders read ({@code relationships.data-dir}).
 *
 * @param dataDir the data directory: {@code holdings/}, {@code universes/}, {@code themes/}, {@code sectors/}; where
 *                it does not exist, the sample data the jar carries (see {@code relationships.load.packaged-sample})
 */
@Validated
@ConfigurationProperties("relationships")
public record DataProperties(@DefaultValue("data") String dataDir) {
}
