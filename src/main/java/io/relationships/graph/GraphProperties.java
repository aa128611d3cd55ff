package io.relationships.graph;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("relationships.graph")
public record GraphProperties(
        @DefaultValue("true") boolean syncEnabled,
        @DefaultValue("5s") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("5000") @Positive int batchSize,
        @DefaultValue("500") @Positive int eventsPerPass,
        @DefaultValue("1s") @DurationMin(millis = 1) Duration retryInitial,
        @DefaultValue("60s") @DurationMin(millis = 1) Duration retryMax,
        @DefaultValue("5m") Duration lagWarning) {
}
