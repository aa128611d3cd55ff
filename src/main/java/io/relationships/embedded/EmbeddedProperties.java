package io.relationships.embedded;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded engines ({@code relationships.embedded.*}).
 *
 * @param enabled    start embedded PostgreSQL and Neo4j (default); turn off to use {@code spring.datasource.*} and {@code spring.neo4j.*}
 * @param dataDir    where both engines keep their files, so that data survives a restart
 * @param ephemeral  use a throw-away directory under {@code dataDir} and delete it on shutdown (tests)
 * @param database   name of the PostgreSQL database the service uses
 * @param postgresPort fixed PostgreSQL port, or 0 for any free port
 * @param boltPort   fixed Bolt port, or 0 for any free port
 * @param pageCache  Neo4j page cache size (e.g. {@code 256m})
 * @param postgresSettings extra PostgreSQL server settings ({@code -c name=value}); tests turn fsync off
 * @param allowInProduction let the {@code production} profile run the embedded engines, which it refuses by default:
 *                   they are for development and tests (one machine, no backups, no monitoring of their own)
 */
@Validated
@ConfigurationProperties("relationships.embedded")
public record EmbeddedProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("var") Path dataDir,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("relationships") String database,
        @DefaultValue("0") @Min(0) @Max(65535) int postgresPort,
        @DefaultValue("0") @Min(0) @Max(65535) int boltPort,
        @DefaultValue("256m") String pageCache,
        Map<String, String> postgresSettings,
        @DefaultValue("false") boolean allowInProduction) {

    public EmbeddedProperties {
        postgresSettings = postgresSettings == null ? Map.of() : Map.copyOf(postgresSettings);
    }
}
