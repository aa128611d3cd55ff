package io.relationships.api.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.relationships.IntegrationTest;
import io.relationships.embedded.EmbeddedEngines;
import io.relationships.support.GraphQlWebSocket;
import io.relationships.support.SecondInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key is checked once for a WebSocket, at its handshake: revoking the key closes the sockets it opened, on this
 * instance and on a second one on the same PostgreSQL (told by NOTIFY), and the second stops taking the key at once
 * rather than when its memory of the key expires.
 */
@IntegrationTest
class KeyRevocationTest {

    @Autowired
    EmbeddedEngines engines;
    @Autowired
    ApiKeys keys;
    @LocalServerPort
    int port;

    ConfigurableApplicationContext second;
    int secondPort;
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void startSecondInstance() {
        second = SecondInstance.start(engines);
        secondPort = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterEach
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void revokingAKeyClosesItsWebSocketsOnEveryInstance() throws Exception {
        ApiKeys.Created revoked = keys.create("socket-to-revoke", Role.VIEWER, "test");
        ApiKeys.Created kept = keys.create("socket-to-keep", Role.VIEWER, "test");
        GraphQlWebSocket here = GraphQlWebSocket.open(port, "Authorization", "Bearer " + revoked.key());
        GraphQlWebSocket there = GraphQlWebSocket.open(secondPort, "Authorization", "Bearer " + revoked.key());
        GraphQlWebSocket other = GraphQlWebSocket.open(secondPort, "Authorization", "Bearer " + kept.key());
        for (GraphQlWebSocket socket : new GraphQlWebSocket[] {here, there, other}) {
            assertThat(socket.ask("{ stats { etfs } }")).contains("\"etfs\"");
        }
        // the second instance remembers the key now (for up to 30 s without a notice)
        assertThat(status(secondPort, revoked.key())).isEqualTo(200);

        HttpResponse<String> revoke = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query",
                        "mutation { revokeApiKey(id: " + revoked.record().id() + ") { revokedAt } }")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoke.body()).contains("revokedAt").doesNotContain("errors");

        assertThat(here.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(there.closed().get(10, TimeUnit.SECONDS)).as("closed on the other instance too").isEqualTo(4401);
        assertThat(status(secondPort, revoked.key())).as("refused there at once").isEqualTo(401);
        // what an instance asks after a lost notification connection, to close the sockets of keys revoked meanwhile
        assertThat(keys.revokedAmong(List.of(revoked.record().id(), kept.record().id()))).containsExactly(revoked.record().id());
        // another key's socket is left alone
        assertThat(other.closed()).isNotDone();
        assertThat(other.ask("{ stats { etfs } }")).contains("\"etfs\"");
        other.close();
    }

    int status(int on, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + on + "/graphql")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ stats { etfs } }\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
