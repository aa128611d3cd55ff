package io.relationships.external;

import io.relationships.RelationshipServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.neo4j.Neo4jContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The service in external mode on the official images, wired by Boot's {@code @ServiceConnection} (the same hook the
 * embedded engines use by default): it seeds the sample data and answers. Runs only in the {@code testcontainers}
 * profile, on a machine with a Docker engine.
 */
@Testcontainers
@SpringBootTest(classes = RelationshipServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"relationships.embedded.enabled=false", "relationships.load.seed-on-empty=true",
                "relationships.security.open-reads=true", "relationships.api.startup.warm-up=200ms"})
@AutoConfigureHttpGraphQlTester
class ServiceConnectionIT {

    @Container
    @ServiceConnection
    static PostgreSQLContainer postgres = new PostgreSQLContainer(ContainerServers.POSTGRES);

    @Container
    @ServiceConnection
    static Neo4jContainer neo4j = new Neo4jContainer(ContainerServers.NEO4J).withEnv("NEO4J_dbms_usage__report_enabled", "false");

    @Autowired
    HttpGraphQlTester graphQl;

    @Test
    void theServiceSeedsAndAnswersOnTheOfficialImages() {
        graphQl.document("{ stock(symbol: \"AAPL\") { sector { key } } }").execute()
                .path("stock.sector.key").entity(String.class).isEqualTo("information_technology");
    }
}
