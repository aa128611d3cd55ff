package io.relationships.api;

import java.util.List;
import java.util.Map;

import io.relationships.IntegrationTest;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.GraphQlHttp;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.SampleCatalog;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads, rollbacks and graph syncs through the GraphQL API, against the sample data on the real engines: the
 * mutations, the runs they start, their progress as server-sent events, and what the queries read afterwards.
 * <p>
 * The documents sent through {@link #api} (plain JSON over HTTP, as a script sends them) stay inline: most carry the
 * id of a run or the folder the test just made, and the answers read are the raw JSON a client gets.
 */
@IntegrationTest
@RestoresSampleData
class GraphQlRunsTest {

    @Autowired
    HttpGraphQlTester graphQl;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    @Autowired
    SampleCatalog sample;

    /** A client with the test profile's ADMIN key. */
    GraphQlHttp api;
    final TestFiles files = TestFiles.create();

    @BeforeEach
    void graphInStep() {
        api = sample.client();
    }

    /** The tester with the test profile's ADMIN key, for mutations. */
    HttpGraphQlTester admin() {
        return graphQl.mutate().header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY).build();
    }

    static String code(JsonNode response) {
        return response.path("errors").path(0).path("extensions").path("code").asString();
    }

    @Test
    void aDryRunMutationReturnsTheRunAtOnceAndItsDiffWhenDone() {
        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,20\nAAPL,12.9\nINTC,3\n");
        JsonNode started = api.post("mutation { loadEtfHoldings(mode: DRY_RUN, directory: \"" + files.directory() + "\") { id status kind mode trigger } }");
        assertThat(started.path("data").path("loadEtfHoldings").path("status").asString()).isIn("RUNNING", "SUCCEEDED");
        assertThat(started.path("data").path("loadEtfHoldings").path("trigger").asString()).isEqualTo("GRAPHQL");
        long id = started.path("data").path("loadEtfHoldings").path("id").asLong();
        JsonNode run = awaitRun(id);
        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode xlk = null;
        for (JsonNode edge : run.path("diff").path("edges")) {
            if (edge.path("node").path("groupKey").asString().equals("XLK")) {
                xlk = edge.path("node");
            }
        }
        assertThat(xlk).isNotNull();
        assertThat(xlk.path("added").toString()).contains("INTC");
        assertThat(xlk.path("reweighted").path(0).path("symbol").asString()).isEqualTo("NVDA");
        assertThat(xlk.path("reweighted").path(0).path("newWeight").asDouble()).isEqualTo(20.0);
        // a dry run wrote nothing
        graphQl.documentName("stockSymbol").variable("symbol", "INTC").execute().path("stock").valueIsNull();
    }

    JsonNode awaitRun(long id) {
        JsonNode run = null;
        for (int i = 0; i < 200; i++) {
            run = api.post("{ loadRun(id: " + id + ") { id status error counts { added removed changed unchanged } files { edges { node { path status } } } "
                    + "findings { edges { node { code line column message } } } "
                    + "diff { edges { node { groupKey groupChange added removed reweighted { symbol oldWeight newWeight } } } } } }")
                    .path("data").path("loadRun");
            if (!run.path("status").asString().equals("RUNNING")) {
                return run;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return run;
            }
        }
        return run;
    }

    @Test
    void aLoadReachesQueriesAfterTheSyncAndHistoryRemembersWhatWasThere() throws Exception {
        graphQl.documentName("stockWithEtfs").variable("symbol", "NVDA").execute() // cache it
                .path("stock.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(14.6);
        Thread.sleep(20);
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(
                        files.write("XLK.csv", "# fund: XLK\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nNVDA,21.5\nAAPL,12.9\n"), null))));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        sync.syncNow(false, "test");

        graphQl.documentName("stockWithEtfs").variable("symbol", "NVDA").execute()
                .path("stock.etfs.edges[0].node.weight").entity(Double.class).isEqualTo(21.5);
        String ofThisRun = "etf.changes.edges[?(@.node.runId == '" + run.id() + "')].node";
        graphQl.documentName("etfChanges").variable("symbol", "XLK").execute()
                .path("etf.holdingsCount").entity(Integer.class).isEqualTo(2)
                .path(ofThisRun + ".symbol").entityList(String.class).hasSize(10).contains("NVDA", "MSFT", "AAPL")
                .path(ofThisRun + ".asOf").entityList(String.class).satisfies(dates -> assertThat(dates).containsOnly("2025-11-20"))
                .path("etf.changes.edges[?(@.node.runId == '" + run.id() + "' && @.node.symbol == 'NVDA')].node.newWeight").entityList(Double.class).containsExactly(21.5)
                .path("etf.changes.edges[?(@.node.runId == '" + run.id() + "' && @.node.symbol == 'MSFT')].node.change").entityList(String.class).containsExactly("REMOVED");
        graphQl.documentName("etfHoldingsAsOf").variable("symbol", "XLK").variable("date", "2025-11-13").execute()
                .path("etf.holdingsAsOf.totalCount").entity(Integer.class).isEqualTo(0); // before the first file's date
    }

    @Test
    void theDiffBetweenTwoRunsOverHttp() {
        long first = loads.run(LoadRequest.of(RunKind.THEMES, LoadMode.FULL, Trigger.CLI, "test")).id();
        long last = loads.run(LoadRequest.of(RunKind.UNIVERSES, LoadMode.FULL, Trigger.CLI, "test")).id();
        JsonNode same = api.post("{ loadRunsDiff(from: " + first + ", to: " + last + ") { totalCount edges { node { groupKey added removed } } } }");
        assertThat(same.path("errors").isMissingNode()).as(same.toString()).isTrue();
        assertThat(same.path("data").path("loadRunsDiff").path("edges").isArray()).isTrue();
        assertThat(same.path("data").path("loadRunsDiff").path("edges")).as("reloading the same files changes nothing").isEmpty();
        assertThat(code(api.post("{ loadRunsDiff(from: 999998, to: 999999) { totalCount } }"))).isEqualTo("NOT_FOUND");
        assertThat(code(api.post("{ loadRunsDiff(from: " + last + ", to: " + first + ") { totalCount } }"))).isEqualTo("VALIDATION");
    }

    @Test
    void rollbackErrorsHaveCodes() {
        assertThat(code(api.post("mutation { rollbackLoad(id: 999999) { id } }"))).isEqualTo("NOT_FOUND");
        long dryRun = loads.run(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "test")).id();
        JsonNode refused = api.post("mutation { rollbackLoad(id: " + dryRun + ") { id } }");
        assertThat(code(refused)).isEqualTo("CONFLICT");
        assertThat(refused.path("errors").path(0).path("message").asString()).contains("dry run");
        JsonNode outside = api.post("mutation { loadEtfHoldings(directory: \"/etc\") { id } }");
        assertThat(code(outside)).isEqualTo("BAD_REQUEST");
        assertThat(outside.path("errors").path(0).path("message").asString()).contains("outside the data directory");
    }

    @Test
    void aRollbackMutationRestoresTheHoldings() {
        LoadRunRecord run = loads.run(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                .withFiles(List.of(new LoadRequest.FileSpec(
                        files.write("XLE.csv", "# fund: XLE\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nXOM,40\n"), null))));
        JsonNode rollback = api.post("mutation { rollbackLoad(id: " + run.id() + ") { kind status rollbackOf { id status } counts { added removed changed } } }");
        assertThat(rollback.path("data").path("rollbackLoad").path("kind").asString()).isEqualTo("ROLLBACK");
        assertThat(rollback.path("data").path("rollbackLoad").path("rollbackOf").path("status").asString()).isEqualTo("ROLLED_BACK");
        assertThat(rollback.path("data").path("rollbackLoad").path("counts").path("added").asLong()).isEqualTo(9);
        sync.syncNow(false, "test");
        graphQl.documentName("etfHoldings").variable("symbol", "XLE").variable("first", 1).execute()
                .path("etf.holdingsCount").entity(Integer.class).isEqualTo(10)
                .path("etf.holdings.edges[0].node.weight").entity(Double.class).isEqualTo(23.0);
    }

    @Test
    void loadProgressStreamsOverServerSentEventsUntilTheRunEnds() {
        for (int i = 0; i < 40; i++) {
            files.write("T" + i + ".csv", "# fund: T" + i + "\n# as_of: 2025-11-14\nsymbol,weight\nNVDA,60\nAAPL,40\n");
        }
        JsonNode started = api.post("mutation { loadEtfHoldings(mode: DRY_RUN, directory: \"" + files.directory() + "\") { id } }");
        long id = started.path("data").path("loadEtfHoldings").path("id").asLong();
        List<JsonNode> events = api.subscribe("subscription { loadProgress(runId: " + id + ") { runId phase filesTotal filesDone finished } }", Map.of());
        assertThat(events).isNotEmpty();
        JsonNode last = events.get(events.size() - 1).path("data").path("loadProgress");
        assertThat(last.path("finished").asBoolean()).isTrue();
        assertThat(last.path("runId").asLong()).isEqualTo(id);
        assertThat(awaitRun(id).path("status").asString()).isEqualTo("SUCCEEDED");
    }

    /** What GraphiQL sent when it ran a subscription it had not parsed yet: a clear error, not a serialised stream. */
    @Test
    void aSubscriptionSentAsAPlainHttpRequestIsToldHowToSubscribe() {
        JsonNode started = api.post("mutation { loadEtfHoldings(mode: DRY_RUN) { id } }");
        long id = started.path("data").path("loadEtfHoldings").path("id").asLong();

        JsonNode answer = api.post("subscription { loadProgress(runId: " + id + ") { phase finished } }");

        assertThat(answer.path("data").isNull() || answer.path("data").isMissingNode()).as(answer.toString()).isTrue();
        assertThat(answer.path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(answer.path("errors").path(0).path("message").asString()).contains("WebSocket").contains("text/event-stream");
        assertThat(answer.toString()).doesNotContain("upstreamPublisher");
        awaitRun(id);
    }

    @Test
    void syncGraphMutationAndItsProgress() {
        JsonNode started = api.post("mutation { syncGraph { id status full } }");
        long id = started.path("data").path("syncGraph").path("id").asLong();
        List<JsonNode> events = api.subscribe("subscription { syncProgress(runId: " + id + ") { id status } }", Map.of());
        assertThat(events.get(events.size() - 1).path("data").path("syncProgress").path("status").asString())
                .isIn("SUCCEEDED", "SKIPPED");
        graphQl.documentName("graphSync").execute()
                .path("graphSync.lagChanges").entity(Long.class).isEqualTo(0L)
                .path("graphSync.degraded").entity(Boolean.class).isEqualTo(false);
        admin().documentName("checkDrift").execute()
                .path("checkDrift.groups").entityList(Object.class).hasSize(0)
                .path("checkDrift.integrity").entity(Double.class).isEqualTo(1.0);
    }
}
