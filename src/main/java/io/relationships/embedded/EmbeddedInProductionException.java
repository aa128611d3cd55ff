package io.relationships.embedded;

/**
 * The {@code production} profile with the embedded engines on, and nobody said that was meant: most likely a
 * deployment that forgot to point the service at its servers, and would otherwise start, empty, on data that lives
 * in one directory of one machine. {@link EmbeddedInProductionFailureAnalyzer} shows it as Boot's start-up report.
 */
final class EmbeddedInProductionException extends IllegalStateException {

    static final String PROFILE = "production";
    static final String ALLOW_PROPERTY = "relationships.embedded.allow-in-production";
    static final String REASON = "The production profile is active and so are the embedded PostgreSQL and Neo4j "
            + "(relationships.embedded.enabled is true unless set to false). They are for development and tests: "
            + "their data lives in one directory on one machine, with no replication, backups or monitoring of their own.";
    static final String ACTION = "Point the service at your PostgreSQL and Neo4j servers: relationships.embedded.enabled=false, "
            + "spring.datasource.url, spring.datasource.username, spring.datasource.password, spring.neo4j.uri, "
            + "spring.neo4j.authentication.username and spring.neo4j.authentication.password. Or, if the embedded engines "
            + "are really meant under this profile (a single-machine trial), set " + ALLOW_PROPERTY + "=true.";

    EmbeddedInProductionException() {
        super(REASON + " Refusing to start. " + ACTION);
    }
}
