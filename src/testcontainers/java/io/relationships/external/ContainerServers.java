package io.relationships.external;

import java.util.List;

import org.testcontainers.neo4j.Neo4jContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The external-mode tests' servers from the official images, on a machine with a Docker engine. */
public final class ContainerServers implements Servers {

    static final String POSTGRES = "postgres:17";
    static final String NEO4J = "neo4j:5.26-community";

    private final PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES).withDatabaseName("relationships");
    private final Neo4jContainer neo4j = new Neo4jContainer(NEO4J).withAdminPassword("relationships-test")
            .withEnv("NEO4J_dbms_usage__report_enabled", "false");

    public ContainerServers() {
        postgres.start();
        neo4j.start();
    }

    @Override
    public List<String> arguments() {
        return List.of("--relationships.embedded.enabled=false", "--spring.datasource.url=" + postgres.getJdbcUrl(),
                "--spring.datasource.username=" + postgres.getUsername(), "--spring.datasource.password=" + postgres.getPassword(),
                "--spring.neo4j.uri=" + neo4j.getBoltUrl(), "--spring.neo4j.authentication.username=neo4j",
                "--spring.neo4j.authentication.password=relationships-test");
    }

    @Override
    public void close() {
        neo4j.stop();
        postgres.stop();
    }
}
