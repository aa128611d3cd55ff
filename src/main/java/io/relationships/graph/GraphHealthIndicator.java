package io.relationships.graph;

import org.neo4j.driver.Driver;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Neo4j and the projection in one indicator ({@code graph}). An unreachable Neo4j or a lagging sync makes the
 * service DEGRADED, not DOWN: PostgreSQL, the system of record, still takes loads, and the sync catches up.
 */
@Component("graph")
class GraphHealthIndicator extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Neo4j is unreachable or the projection lags; loads still commit");

    private final Driver driver;
    private final GraphSync sync;

    GraphHealthIndicator(Driver driver, GraphSync sync) {
        this.driver = driver;
        this.sync = sync;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        GraphSyncStatus status = sync.status();
        boolean reachable;
        String neo4jError = null;
        try {
            driver.verifyConnectivity();
            reachable = true;
        } catch (RuntimeException e) {
            reachable = false;
            neo4jError = e.getMessage();
        }
        builder.status(reachable && !status.degraded() ? Status.UP : DEGRADED)
                .withDetail("neo4j", reachable ? "reachable" : "unreachable: " + neo4jError)
                .withDetail("phase", status.phase())
                .withDetail("lastEventId", status.lastEventId())
                .withDetail("lagChanges", status.lagChanges())
                .withDetail("lagSeconds", status.lagSeconds());
        if (status.lastSyncedAt() != null) {
            builder.withDetail("lastSyncedAt", status.lastSyncedAt().toString());
        }
        if (status.lastError() != null) {
            builder.withDetail("lastError", status.lastError());
        }
    }
}
