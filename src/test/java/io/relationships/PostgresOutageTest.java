package io.relationships;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import io.relationships.embedded.EmbeddedEngines;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.CatalogFingerprint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL refuses connections (the database is closed to new sessions and every open one is ended, as when a
 * server restarts or a failover happens): requests get a clear UNAVAILABLE error, health says DOWN, nothing is
 * written, and the service recovers on its own when PostgreSQL is back, without a restart.
 */
@IntegrationTest
class PostgresOutageTest {

    @Autowired
    EmbeddedEngines engines;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();

    Connection superuser() throws SQLException {
        return DriverManager.getConnection(engines.postgres().jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/postgres$1"),
                engines.postgres().superuser(), engines.postgres().superuserPassword());
    }

    void refuseConnections(boolean refuse) throws SQLException {
        try (Connection connection = superuser(); var statement = connection.createStatement()) {
            statement.execute("alter database relationships with allow_connections " + !refuse);
            if (refuse) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'relationships' and pid <> pg_backend_pid()");
            }
        }
    }

    @AfterEach
    void reopen() throws SQLException {
        refuseConnections(false);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode graphQl(String document) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document)))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void whilePostgresRefusesConnectionsRequestsFailClearlyAndTheServiceRecoversWithoutARestart() throws Exception {
        String before = CatalogFingerprint.of(jdbc);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        refuseConnections(true);

        JsonNode stats = graphQl("{ stats { etfs securities } }");
        JsonNode error = stats.path("errors").path(0);
        assertThat(error.path("extensions").path("code").asString()).as(stats.toString()).isEqualTo("UNAVAILABLE");
        assertThat(error.path("message").asString()).contains("PostgreSQL").contains("try again");
        assertThat(stats.toString()).doesNotContain("Exception").doesNotContain("FATAL");

        JsonNode load = graphQl("mutation { loadEtfHoldings(mode: FULL) { id status } }");
        assertThat(load.path("errors").path(0).path("extensions").path("code").asString()).as(load.toString()).isEqualTo("UNAVAILABLE");

        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(readiness.body()).contains("DOWN");

        refuseConnections(false);

        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode recovered;
        do {
            Thread.sleep(250);
            recovered = graphQl("{ stats { etfs } }");
        } while (recovered.has("errors") && System.currentTimeMillis() < deadline);
        assertThat(recovered.path("data").path("stats").path("etfs").asInt()).as(recovered.toString()).isEqualTo(13);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(CatalogFingerprint.of(jdbc)).as("nothing was written during the outage").isEqualTo(before);
        assertThat(loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.FULL, Trigger.CLI, "test")).status())
                .as("loads work again").isEqualTo(RunStatus.SUCCEEDED);
    }
}
