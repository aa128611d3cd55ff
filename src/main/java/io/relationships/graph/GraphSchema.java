package io.relationships.graph;

import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The graph's constraints and indexes, from the ordered migrations in {@code cypher/migrations}. Applied at
 * start-up (before the service reports ready) and again before any projection, so a Neo4j that was down at
 * start-up is prepared as soon as it is back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GraphSchema implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GraphSchema.class);

    private final CypherMigrations migrations;
    private volatile int appliedVersion = -1;

    GraphSchema(Driver driver) {
        this.migrations = new CypherMigrations(driver, "classpath*:cypher/migrations");
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ensureMigrated();
        } catch (RuntimeException e) {
            // Neo4j may be down; the sync retries, and health shows it
            log.warn("Could not apply the graph schema migrations at start-up: {}", e.getMessage());
        }
    }

    /** Applies pending migrations once per process; cheap after the first success. */
    public int ensureMigrated() {
        if (appliedVersion != migrations.latestVersion()) {
            synchronized (this) {
                if (appliedVersion != migrations.latestVersion()) {
                    appliedVersion = migrations.migrate();
                }
            }
        }
        return appliedVersion;
    }

    public int expectedVersion() {
        return migrations.latestVersion();
    }

    public boolean isMigrated() {
        return appliedVersion == migrations.latestVersion();
    }
}
