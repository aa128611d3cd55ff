package io.relationships.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.support.GraphQlHttp;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes, as a client does it: follow {@code loadProgress} to its last event (or poll
 * {@code loadRun.visibleAt}), then query — the answer always holds the run's changes, never a part of the old
 * catalog. Each round changes the data, so a read that came too early would see the previous round's weights.
 */
@IntegrationTest
@RestoresSampleData
class ReadYourWritesTest {

    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    final TestFiles files = TestFiles.create();
    GraphQlHttp client;

    @BeforeEach
    void client() {
        client = GraphQlHttp.on(port, IntegrationTest.ADMIN_KEY);
    }

    Path version(int round) {
        String other = round % 2 == 0 ? "MSFT" : "AMZN";
        return files.write("RYW.csv", "# fund: RYW\n# as_of: 2025-11-20\nsymbol,weight\nNVDA," + (50 + round) + "\n" + other + ","
                + (50 - round) + "\n");
    }

    long load(Path file) {
        JsonNode started = client.post("mutation($path: String!) { loadEtfHoldings(mode: INCREMENTAL, files: [{path: $path}]) { id status } }",
                Map.of("path", file.toString()));
        assertThat(started.path("errors").isMissingNode()).as(started.toString()).isTrue();
        return started.path("data").path("loadEtfHoldings").path("id").asLong();
    }

    /** NVDA's weight in RYW and the ETFs holding {@code other}, as a client reads them right now. */
    void assertReads(int round) {
        String other = round % 2 == 0 ? "MSFT" : "AMZN";
        JsonNode data = client.post("query($other: String!) { etf(symbol: \"RYW\") { holdings(first: 10) { edges { node { weight stock { symbol } } } } }"
                + " stock(symbol: $other) { etfs { edges { node { weight etf { symbol } } } } } }", Map.of("other", other)).path("data");
        assertThat(data.path("etf").path("holdings").path("edges").findValuesAsString("symbol")).containsExactlyInAnyOrder("NVDA", other);
        assertThat(data.path("etf").path("holdings").path("edges").get(0).path("node").path("weight").asDouble())
                .as("round %d", round).isEqualTo(50.0 + round);
        assertThat(data.path("stock").path("etfs").findValuesAsString("symbol")).as("round %d", round).contains("RYW");
    }

    @Test
    void afterTheLastProgressEventEveryReadHasTheRunsChanges() {
        for (int round = 1; round <= 6; round++) {
            long id = load(version(round));
            List<JsonNode> events = client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase finished visibleAt } }",
                    Map.of("id", id));
            List<String> phases = events.stream().map(e -> e.path("data").path("loadProgress").path("phase").asString()).toList();
            JsonNode last = events.get(events.size() - 1).path("data").path("loadProgress");

            assertThat(phases).as("round %d", round).contains("done").endsWith("visible");
            assertThat(phases.indexOf("done")).isLessThan(phases.indexOf("visible"));
            assertThat(last.path("finished").asBoolean()).isTrue();
            assertThat(last.path("visibleAt").asString()).isNotBlank();
            assertReads(round);
        }
    }

    @Test
    void pollingVisibleAtIsEnoughToo() throws InterruptedException {
        for (int round = 1; round <= 4; round++) {
            long id = load(version(round));
            JsonNode run;
            long deadline = System.currentTimeMillis() + 30_000;
            do {
                Thread.sleep(5);
                run = client.post("query($id: ID!) { loadRun(id: $id) { status finishedAt visibleAt } }", Map.of("id", id))
                        .path("data").path("loadRun");
            } while (run.path("visibleAt").isNull() && System.currentTimeMillis() < deadline);

            assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(run.path("visibleAt").asString()).as("round %d", round).isNotBlank();
            assertThat(run.path("visibleAt").asString().compareTo(run.path("finishedAt").asString())).isGreaterThanOrEqualTo(0);
            assertReads(round);
        }
    }

    @Test
    void aRollbackEndsVisibleTooAndReadsShowTheCatalogAsBefore() {
        long first = load(version(2));
        client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase } }", Map.of("id", first));
        long second = load(version(3));
        client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase } }", Map.of("id", second));
        assertReads(3);

        JsonNode rollback = client.post("mutation($id: ID!) { rollbackLoad(id: $id) { id status } }", Map.of("id", second))
                .path("data").path("rollbackLoad");
        List<JsonNode> events = client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase finished visibleAt } }",
                Map.of("id", rollback.path("id").asLong()));

        assertThat(events.get(events.size() - 1).path("data").path("loadProgress").path("phase").asString()).isEqualTo("visible");
        assertReads(2);
    }

    @Test
    void anInstanceThatDiedWithoutLeavingHoldsVisibilityBackOnlyUntilItIsNoLongerSeen() throws InterruptedException {
        // an instance that stopped answering at outbox entry 0 and was last seen a moment ago
        jdbc.sql("insert into cache_instances (id, host, visible_up_to, seen_at) values ('gone', 'test', 0, now())").update();
        try {
            long id = load(version(5));
            Thread.sleep(1500);
            JsonNode run = client.post("query($id: ID!) { loadRun(id: $id) { status visibleAt } }", Map.of("id", id)).path("data").path("loadRun");
            assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(run.path("visibleAt").isNull()).as("not visible while an instance that may still serve the old data is seen").isTrue();

            jdbc.sql("update cache_instances set seen_at = now() - interval '1 minute' where id = 'gone'").update();
            List<JsonNode> events = client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase } }", Map.of("id", id));
            assertThat(events.get(events.size() - 1).path("data").path("loadProgress").path("phase").asString()).isEqualTo("visible");
            assertReads(5);
        } finally {
            jdbc.sql("delete from cache_instances where id = 'gone'").update();
        }
    }

    @Test
    void aRunThatChangedNothingIsVisibleWhenItEnds() {
        long id = load(version(2));
        client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase } }", Map.of("id", id));
        long again = load(version(2)); // the same checksum: nothing to load
        List<JsonNode> events = client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase finished } }",
                Map.of("id", again));
        JsonNode run = client.post("query($id: ID!) { loadRun(id: $id) { counts { unchanged } finishedAt visibleAt } }", Map.of("id", again))
                .path("data").path("loadRun");

        assertThat(events.get(events.size() - 1).path("data").path("loadProgress").path("finished").asBoolean()).isTrue();
        assertThat(run.path("visibleAt").asString()).isEqualTo(run.path("finishedAt").asString());
    }

    /** A client that subscribes after the run has ended (and is visible) still gets an answer: one final event. */
    @Test
    void aSubscriptionToARunThatEndedLongAgoGetsOneFinalEvent() throws InterruptedException {
        long id = load(version(4));
        JsonNode run;
        long deadline = System.currentTimeMillis() + 30_000;
        do {
            Thread.sleep(20);
            run = client.post("query($id: ID!) { loadRun(id: $id) { visibleAt } }", Map.of("id", id)).path("data").path("loadRun");
        } while (run.path("visibleAt").isNull() && System.currentTimeMillis() < deadline);
        assertThat(run.path("visibleAt").asString()).as("the run became visible before anyone subscribed").isNotBlank();

        List<JsonNode> events = client.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase finished visibleAt } }",
                Map.of("id", id));

        assertThat(events).hasSize(1);
        JsonNode last = events.get(0).path("data").path("loadProgress");
        assertThat(last.path("phase").asString()).isEqualTo("visible");
        assertThat(last.path("finished").asBoolean()).isTrue();
        assertThat(last.path("visibleAt").asString()).isEqualTo(run.path("visibleAt").asString());
    }
}
