package io.relationships;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class FoundationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Driver neo4j;
    @Autowired
    HttpGraphQlTester graphQl;
    @LocalServerPort
    int port;

    RestClient http() {
        return RestClient.create("http://localhost:" + port);
    }

    @Test
    void flywayCreatedTheCatalogTables() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class).list();
        assertThat(tables).contains("definition_groups", "group_memberships", "securities", "load_runs",
                "membership_changes", "group_changes", "catalog_events", "flyway_schema_history");
        Boolean allSucceeded = jdbc.sql("select bool_and(success) from flyway_schema_history").query(Boolean.class).single();
        assertThat(allSucceeded).isTrue();
    }

    @Test
    void catalogRejectsAGroupTypeOutsideTheModel() {
        Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "insert into definition_groups (type, key, name) values ('FOO', 'x', 'x')").update())
                .hasMessageContaining("definition_groups_type");
    }

    @Test
    void cypherMigrationsCreatedTheUniquenessConstraintsOnce() {
        try (var session = neo4j.session()) {
            List<String> constraints = session.run("SHOW CONSTRAINTS YIELD name RETURN name").list(r -> r.get("name").asString());
            assertThat(constraints).contains("stock_symbol", "etf_symbol", "sector_key", "industry_key", "theme_key", "universe_key");
            long recorded = session.run("MATCH (m:__SchemaMigration {version: 1}) RETURN count(m) AS n").single().get("n").asLong();
            assertThat(recorded).isEqualTo(1);
        }
    }

    @Test
    void statsQueryOverHttpAgreesWithPostgres() {
        long etfs = jdbc.sql("select count(*) from definition_groups where type = 'ETF'").query(Long.class).single();
        long securities = jdbc.sql("select count(*) from securities").query(Long.class).single();
        long holdings = jdbc.sql("select count(*) from group_memberships m join definition_groups g on g.id = m.group_id where g.type = 'ETF'")
                .query(Long.class).single();
        graphQl.document("{ stats { etfs securities relationships { kind count } } }")
                .execute()
                .path("stats.etfs").entity(Long.class).isEqualTo(etfs)
                .path("stats.securities").entity(Long.class).isEqualTo(securities)
                .path("stats.relationships[?(@.kind == 'HOLDS')].count").entityList(Long.class).containsExactly(holdings);
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthShowsBothStoresAndReadiness() {
        // components are shown to operators only (anonymous callers get the status)
        Map<String, Object> health = http().get().uri("/actuator/health").header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .retrieve().body(Map.class);
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.get("components");
        assertThat(components.get("db").get("status")).isEqualTo("UP");
        assertThat(components.get("graph").get("status")).isEqualTo("UP");
        Map<String, Object> readiness = http().get().uri("/actuator/health/readiness").retrieve().body(Map.class);
        assertThat(readiness.get("status")).isEqualTo("UP");
    }

    @Test
    void graphiqlIsServedWithItsAssetsFromTheJar() {
        String page = http().get().uri("/graphiql").retrieve().body(String.class);
        assertThat(page).contains("/webjars/graphiql/2.4.7/graphiql.min.js").doesNotContain("https://");
        for (String asset : List.of("/webjars/graphiql/2.4.7/graphiql.min.js", "/webjars/graphiql/2.4.7/graphiql.min.css",
                "/webjars/react/18.3.1/umd/react.production.min.js", "/webjars/react-dom/18.3.1/umd/react-dom.production.min.js",
                "/graphiql/graphiql-init.js")) {
            assertThat(http().get().uri(asset).retrieve().toBodilessEntity().getStatusCode().is2xxSuccessful())
                    .as(asset).isTrue();
        }
    }

    @Test
    void schemaIsPrinted() {
        String schema = http().get().uri("/graphql/schema").retrieve().body(String.class);
        assertThat(schema).contains("type CatalogStats").contains("scalar DateTime");
    }
}
