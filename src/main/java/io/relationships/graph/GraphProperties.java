package io.relationships.graph;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the graph projection ({@code relationships.graph.*}).
 *
 * @param syncEnabled     follow the catalog's changes into Neo4j (off only for tests that hold the sync back)
 * @param pollInterval    how often to look for changes made elsewhere (another instance, a restart)
 * @param batchSize       memberships per UNWIND batch
 * @param eventsPerPass   outbox entries taken per pass
 * @param retryInitial    first wait after Neo4j failed; doubles up to {@code retryMax}
 * @param retryMax        longest wait between attempts while Neo4j is unreachable
 * @param lagWarning      pending changes older than this make the sync status DEGRADED
 */
@ConfigurationProperties("relationships.graph")
public record GraphProperties(
        @DefaultValue("true") boolean syncEnabled,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("500") int eventsPerPass,
        @DefaultValue("1s") Duration retryInitial,
        @DefaultValue("60s") Duration retryMax,
        @DefaultValue("5m") Duration lagWarning) {
}
