package io.relationships.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.relationships.IntegrationTest;
import io.relationships.cache.InstanceVisibility;
import io.relationships.cache.RelationshipCache;
import io.relationships.embedded.EmbeddedEngines;
import io.relationships.graph.GraphReads;
import io.relationships.graph.GraphSync;
import io.relationships.graph.SyncRunStatus;
import io.relationships.load.LoadException;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.AdvisoryLocks;
import io.relationships.support.GraphQlHttp;
import io.relationships.support.Multipart;
import io.relationships.support.SecondInstance;
import io.relationships.support.TestFiles;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second instance of the service on the same PostgreSQL and Neo4j (external mode, as in production behind a
 * load balancer): its cache learns of changes made through the first instance, and loads stay one at a time.
 */
@IntegrationTest
class TwoInstancesTest {

    @Autowired
    EmbeddedEngines engines;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    @Autowired
    RelationshipCache cache;
    @LocalServerPort
    int port;

    ConfigurableApplicationContext second;
    final TestFiles files = TestFiles.create();

    @BeforeEach
    void startSecondInstance() {
        second = SecondInstance.start(engines);
        sync.syncNow(false, "test");
    }

    @AfterEach
    void stopSecondInstance() {
        second.close();
        assertThat(loads.run(LoadRequest.of(RunKind.ALL, LoadMode.FULL, Trigger.CLI, "test")).status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");
    }

    double nvdaInXlk(RelationshipCache on) {
        return on.getEtfHoldings("XLK").orElseThrow().members().stream().filter(m -> m.symbol().equals("NVDA")).findFirst()
                .orElseThrow().weight();
    }

    @Test
    void anEvictionOnOneInstanceReachesTheOther() throws InterruptedException {
        RelationshipCache other = second.getBean(RelationshipCache.class);
        GraphReads otherReads = second.getBean(GraphReads.class);
        assertThat(nvdaInXlk(other)).isEqualTo(14.6);
        long queriesBefore = otherReads.queries();
        assertThat(nvdaInXlk(other)).as("cached on the second instance").isEqualTo(14.6);
        assertThat(otherReads.queries()).isEqualTo(queriesBefore);

        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(
                        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,22\nAAPL,12\n"), null))));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");

        double seen = 0;
        for (int i = 0; i < 100 && seen != 22.0; i++) {
            seen = nvdaInXlk(other);
            Thread.sleep(50);
        }
        assertThat(seen).as("the second instance sees the new weight").isEqualTo(22.0);
        assertThat(nvdaInXlk(cache)).isEqualTo(22.0);
    }

    @Test
    void queriesOnTheSecondInstanceStayCorrectThroughALoadOnTheFirst() throws Exception {
        String query = "{ etf(symbol: \"XLK\") { holdings(first: 1) { edges { node { weight stock { symbol } } } } } }";
        assertThat(nvdaWeightOverHttp(second, query)).isEqualTo(14.6);
        assertThat(nvdaWeightOverHttp(second, query)).as("answered again, from its response cache").isEqualTo(14.6);

        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(
                        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,23\nAAPL,12\n"), null))));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");

        double seen = 0;
        for (int i = 0; i < 100 && seen != 23.0; i++) {
            seen = nvdaWeightOverHttp(second, query);
            Thread.sleep(50);
        }
        assertThat(seen).as("the same query on the second instance gives the new weight").isEqualTo(23.0);
    }

    @Test
    void aRunIsVisibleOnlyOnceTheOtherInstanceReflectsIt() {
        assertThat(second.getBean(InstanceVisibility.class).joined()).as("the second instance joined once it was answerable").isTrue();
        String query = "{ etf(symbol: \"XLK\") { holdings(first: 1) { edges { node { weight stock { symbol } } } } } }";
        GraphQlHttp first = GraphQlHttp.on(port, IntegrationTest.ADMIN_KEY);
        GraphQlHttp other = GraphQlHttp.on(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")), null);
        for (int round = 1; round <= 4; round++) {
            double weight = 20 + round;
            other.post(query); // keep the answer in the second instance's response cache: the change must evict it
            Path file = files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA," + weight + "\nAAPL,12\n");
            long id = first.post("mutation($path: String!) { loadEtfHoldings(files: [{path: $path}]) { id } }", Map.of("path", file.toString()))
                    .path("data").path("loadEtfHoldings").path("id").asLong();
            List<JsonNode> events = first.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase } }", Map.of("id", id));

            assertThat(events.get(events.size() - 1).path("data").path("loadProgress").path("phase").asString()).isEqualTo("visible");
            JsonNode edge = other.post(query).path("data").path("etf").path("holdings").path("edges").path(0).path("node");
            assertThat(edge.path("weight").asDouble()).as("round %d, read from the other instance right after 'visible'", round).isEqualTo(weight);
        }
    }

    @Test
    void aSyncPassOfOneInstanceIsListedAndFollowedOnTheOther() {
        GraphQlHttp first = GraphQlHttp.on(port, IntegrationTest.ADMIN_KEY);
        GraphQlHttp other = GraphQlHttp.on(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")), IntegrationTest.ADMIN_KEY);
        long id = first.post("mutation { syncGraph(full: true) { id } }").path("data").path("syncGraph").path("id").asLong();

        List<JsonNode> events = other.subscribe("subscription($id: ID!) { syncProgress(runId: $id) { id status groupsDone } }", Map.of("id", id));
        JsonNode last = events.get(events.size() - 1).path("data").path("syncProgress");

        assertThat(last.path("status").asString()).isIn("SUCCEEDED", "SKIPPED");
        assertThat(other.post("{ graphSyncRuns(first: 10) { id status } }").path("data").path("graphSyncRuns").findValuesAsString("id"))
                .contains(String.valueOf(id));
        assertThat(other.post("query($id: ID!) { graphSyncRun(id: $id) { full status } }", Map.of("id", id))
                .path("data").path("graphSyncRun").path("full").asBoolean()).isTrue();
    }

    @Test
    void aCacheRefreshReachesTheOtherInstance() throws InterruptedException {
        RelationshipCache other = second.getBean(RelationshipCache.class);
        other.warm();
        assertThat(other.stats().entries()).isPositive();

        GraphQlHttp.on(port, IntegrationTest.ADMIN_KEY).post("mutation { refreshCache(scope: ALL) { entries } }");

        long deadline = System.currentTimeMillis() + 10_000;
        while (other.stats().entries() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(other.stats().entries()).as("entries left on the other instance").isZero();
    }

    @Test
    void aLoadStartedOnOneInstanceIsFollowedToItsEndOnTheOther() {
        for (int i = 0; i < 60; i++) {
            files.write("many/F" + i + ".csv", "# fund: F" + i + "\n# as_of: 2025-11-14\nsymbol,weight\nNVDA,60\nAAPL,40\n");
        }
        GraphQlHttp first = GraphQlHttp.on(port, IntegrationTest.ADMIN_KEY);
        GraphQlHttp other = GraphQlHttp.on(SecondInstance.port(second), IntegrationTest.ADMIN_KEY);
        long id = first.post("mutation($dir: String!) { loadEtfHoldings(directory: $dir) { id } }",
                Map.of("dir", files.directory().resolve("many").toString())).path("data").path("loadEtfHoldings").path("id").asLong();

        List<JsonNode> events = other.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase filesDone finished visibleAt } }",
                Map.of("id", id));

        JsonNode last = events.get(events.size() - 1).path("data").path("loadProgress");
        assertThat(last.path("phase").asString()).isEqualTo("visible");
        assertThat(last.path("finished").asBoolean()).isTrue();
        assertThat(other.post("{ etf(symbol: \"F59\") { holdingsCount } }").path("data").path("etf").path("holdingsCount").asInt()).isEqualTo(2);
    }

    @Test
    void aFileUploadedThroughOneInstanceIsLoadedThroughTheOther() {
        JsonNode uploaded = Multipart.post("http://localhost:" + port + "/admin/uploads", IntegrationTest.ADMIN_KEY, "UPL.csv",
                "# fund: UPL\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,60\nAAPL,40\n".getBytes(StandardCharsets.UTF_8));
        GraphQlHttp other = GraphQlHttp.on(SecondInstance.port(second), IntegrationTest.ADMIN_KEY);

        long id = other.post("mutation($upload: ID!) { loadEtfHoldings(mode: DRY_RUN, files: [{upload: $upload}]) { id } }",
                Map.of("upload", uploaded.path("id").asString())).path("data").path("loadEtfHoldings").path("id").asLong();
        other.subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase } }", Map.of("id", id));
        JsonNode run = other.post("query($id: ID!) { loadRun(id: $id) { status counts { added } files { edges { node { groupKey status } } } } }", Map.of("id", id))
                .path("data").path("loadRun");

        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("counts").path("added").asInt()).isEqualTo(2);
        assertThat(run.path("files").path("edges").path(0).path("node").path("groupKey").asString()).isEqualTo("UPL");
    }

    @Test
    void onlyOneInstanceSyncsAtATime() {
        // as if the first instance were in the middle of a pass: it holds the sync's lock
        var locks = second.getBean(AdvisoryLocks.class);
        // a pass of either instance (a timer, the sync after the last test's load) may hold it for a moment
        var lock = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> locks.tryAcquire(AdvisoryLocks.GRAPH_SYNC), Optional::isPresent);
        try (var held = lock.orElseThrow()) {
            assertThat(sync.syncNow(false, "test").status()).isEqualTo(SyncRunStatus.SKIPPED);
        }
        assertThat(sync.syncNow(false, "test").status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    static double nvdaWeightOverHttp(ConfigurableApplicationContext instance, String query) throws Exception {
        String port = instance.getEnvironment().getProperty("local.server.port");
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
        var edge = JSON.readTree(response.body())
                .path("data").path("etf").path("holdings").path("edges").path(0);
        assertThat(edge.path("node").path("stock").path("symbol").asString()).as(response.body()).isEqualTo("NVDA");
        return edge.path("node").path("weight").asDouble();
    }

    @Test
    void loadsAreOneAtATimeAcrossInstances() {
        for (int i = 0; i < 200; i++) {
            files.write("T" + i + ".csv", "# fund: T" + i + "\n# as_of: 2025-11-14\nsymbol,weight\nNVDA,60\nAAPL,40\n");
        }
        LoadRunRecord running = loads.start(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test")
                .withDirectory(files.directory()));
        LoadService otherLoads = second.getBean(LoadService.class);
        assertThatThrownBy(() -> otherLoads.start(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "test")))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(LoadException.Code.LOAD_RUNNING);
                    assertThat(e.getMessage()).contains("run " + running.id());
                });
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (second.getBean(LoadRunStore.class).find(running.id()).orElseThrow().status() != RunStatus.RUNNING) {
                break;
            }
            Thread.onSpinWait();
        }
    }
}
