package io.relationships.cache;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the relationship cache ({@code relationships.cache.*}).
 *
 * @param ttl          entries expire this long after they were loaded (data changes evict them sooner)
 * @param maxSize      bound on the estimated memory of all entries (the 5M-membership scale does not fit)
 * @param warmOnStart  load every group and stock after start-up
 * @param warmBatch    keys per Neo4j query while warming
 * @param notifyInstances tell other instances about evictions through PostgreSQL LISTEN/NOTIFY
 * @param heartbeat    how often an instance says it is alive (read-your-writes counts live instances only)
 * @param instanceTimeout an instance not heard from for this long no longer holds back visibility
 */
@Validated
@ConfigurationProperties("relationships.cache")
public record CacheProperties(
        @DefaultValue("1h") @DurationMin(millis = 1) Duration ttl,
        @DefaultValue("256MB") DataSize maxSize,
        @DefaultValue("true") boolean warmOnStart,
        @DefaultValue("2000") @Positive int warmBatch,
        @DefaultValue("true") boolean notifyInstances,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration heartbeat,
        @DefaultValue("20s") Duration instanceTimeout) {
}
