package io.relationships.graph;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.relationships.IntegrationTest;
import io.relationships.catalog.CatalogQueries;
import io.relationships.embedded.EmbeddedEngines;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.support.CatalogCopy;
import io.relationships.support.GraphRows;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import io.relationships.support.TestLoads;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The graph catching up with the catalog after something went wrong: changes committed while the sync was not
 * running or Neo4j was down, a catalog restored from an older backup, a wiped graph rebuilt while readers wait.
 */
@IntegrationTest
@RestoresSampleData
class GraphSyncRecoveryTest {

    @Autowired
    GraphSync sync;
    @Autowired
    CatalogQueries catalog;
    @Autowired
    DriftCheck drift;
    @Autowired
    LoadService loads;
    @Autowired
    Driver neo4j;
    @Autowired
    EmbeddedEngines engines;
    @LocalServerPort
    int port;
    @Autowired
    GraphBuilding building;
    @Autowired
    GraphReads reads;
    @Autowired
    ApplicationAvailability availability;

    final HttpClient http = HttpClient.newHttpClient();
    final TestFiles files = TestFiles.create();
    GraphRows graph;

    @BeforeEach
    void graphInStep() {
        graph = new GraphRows(neo4j);
        sync.syncNow(false, "test");
    }

    /** A test may have held the sync; then the sample data is put back ({@link RestoresSampleData}). */
    @AfterEach
    void releaseTheSync() {
        sync.release();
    }

    LoadRunRecord loadFile(RunKind kind, Path file) {
        return TestLoads.succeeded(loads, kind, file);
    }

    /** XLE holding XOM at {@code xomWeight} and OXY at 5 (a change the restore tests later take back). */
    void loadXle(int xomWeight) {
        loadFile(RunKind.ETF_HOLDINGS, files.write("XLE.csv", "# fund: XLE\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nXOM,"
                + xomWeight + "\nOXY,5\n"));
    }

    /**
     * A copy of the catalog to restore later, taken as the superuser (as pg_restore --disable-triggers, the restore
     * turns triggers off, which the service's role may not), with the automatic passes held: only the test's own
     * passes run, so a scheduled one landing right after the restore cannot do the rebuild the test expects.
     */
    CatalogCopy backupWithTheSyncHeld() {
        var postgres = engines.postgres();
        CatalogCopy backup = CatalogCopy.take(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.superuser(), postgres.superuserPassword()));
        sync.hold();
        return backup;
    }

    @Test
    void changesCommittedWhileTheSyncWasNotRunningAreProjectedWhenItRuns() {
        // as if the process died right after the commit: the outbox holds the change, the graph does not have it yet
        sync.hold();
        loadFile(RunKind.ETF_HOLDINGS, files.write("XLE.csv", "# fund: XLE\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nXOM,30\nCVX,20\n"));
        GraphSyncStatus behind = sync.status();
        // XLE, and the energy sector: the stocks XLE no longer holds (and nothing else lists) leave it in the same run
        assertThat(behind.lagChanges()).isEqualTo(2);
        assertThat(graph.weight("XLE", "XOM")).isEqualTo(23.0);

        sync.release();
        SyncRun caughtUp = sync.syncNow(false, "restart");

        assertThat(caughtUp.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
        assertThat(graph.weight("XLE", "XOM")).isEqualTo(30.0);
        assertThat(sync.status().lagChanges()).isZero();
        assertThat(drift.check().differing()).isEmpty();
    }

    @Test
    void withNeo4jDownLoadsStillCommitAndTheSyncCatchesUpWhenItIsBack() throws Exception {
        engines.stopNeo4j();
        try {
            loadFile(RunKind.ETF_HOLDINGS, files.write("XLE.csv", "# fund: XLE\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nXOM,31\n"));
            // stocks of this test's own: new to the catalog whichever tests ran before in the shared context
            loadFile(RunKind.THEMES, files.write("themes.csv", "theme,name,symbols\nspace,Space,ZZRKL;ZZAST\n"));
            loadFile(RunKind.UNIVERSES, files.write("dow30.csv", "symbol,name\nAAPL,Apple\nMSFT,Microsoft\n"));

            SyncRun failed = sync.syncNow(false, "test");
            assertThat(failed.status()).isEqualTo(SyncRunStatus.FAILED);
            GraphSyncStatus status = sync.status();
            // XLE and the energy sector (the stocks XLE no longer holds leave it), the space theme, the sector the theme's
            // two new stocks were classified into (unknown), dow30
            assertThat(status.lagChanges()).isEqualTo(5);
            assertThat(status.lastError()).isNotBlank();
            assertThat(status.degraded()).isTrue();

            // what an operator sees (a load balancer gets the status alone): still in service (200), the graph component DEGRADED
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                            .header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JsonMapper.builder().build().readTree(health.body());
            assertThat(body.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(body.path("components").path("graph").path("status").asString()).isEqualTo("DEGRADED");
            assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
        } finally {
            engines.startNeo4j();
        }
        // nobody asks: the sync's own retries (with backoff) find Neo4j back and catch up
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> sync.status().lagChanges() == 0 && sync.status().lastError() == null);

        assertThat(graph.weight("XLE", "XOM")).isEqualTo(31.0);
        assertThat(graph.count("MATCH (:Stock)-[:MEMBER_OF]->(:Universe {key: 'dow30'}) RETURN count(*)")).isEqualTo(2);
        assertThat(drift.check().differing()).isEmpty();
    }

    @Test
    void aCatalogRestoredFromAnOlderBackupIsRebuiltIntoTheGraphRatherThanFollowedFromItsRestoredCursor() {
        CatalogCopy backup = backupWithTheSyncHeld();
        try {
            loadXle(33);
            sync.syncNow(false, "test");
            assertThat(graph.weight("XLE", "XOM")).isEqualTo(33.0);

            // the catalog goes back to the backup: older memberships, and an outbox and cursor that end before what the graph has seen
            backup.restore();
            assertThat(sync.status().lagChanges()).as("the restored cursor sees nothing to do").isZero();

            SyncRun run = sync.syncNow(false, "after restore");
            assertThat(run.full()).as("the graph is ahead of the catalog, so the pass rebuilds").isTrue();
            assertThat(graph.weight("XLE", "XOM")).isEqualTo(23.0);
            assertThat(graph.count("MATCH (:ETF {symbol: 'XLE'})-[:HOLDS]->(:Stock {symbol: 'OXY'}) RETURN count(*)")).isZero();
            assertThat(drift.check().differing()).isEmpty();
            assertThat(sync.syncNow(false, "test").full()).as("and once rebuilt, passes are incremental again").isFalse();
        } finally {
            backup.drop();
        }
    }

    @Test
    void afterARestoreTheNextChangesAreNumberedPastWhatTheGraphHadSeenSoAKeptAnswerFromBeforeIsNotCalledCurrent() throws Exception {
        CatalogCopy backup = backupWithTheSyncHeld();
        String query = "{ etf(symbol: \"XLE\") { holdings(first: 5) { edges { node { weight stock { symbol } } } } } }";
        try {
            loadXle(33);
            sync.syncNow(false, "test");
            HttpResponse<String> before = getQuery(query);
            String keptTag = before.headers().firstValue("ETag").orElseThrow();
            assertThat(before.body()).contains("33");

            backup.restore();
            assertThat(sync.syncNow(false, "after restore").full()).isTrue();
            // another change of the same size after the restore: numbered from the restored sequence it would take the
            // very outbox position the kept answer's tag names
            loadXle(35);
            sync.syncNow(false, "test");

            HttpResponse<String> after = getQuery(query, "If-None-Match", keptTag);
            assertThat(after.statusCode()).as("the kept answer (XOM 33) is not current").isEqualTo(200);
            assertThat(after.body()).contains("35");
            assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(keptTag);
        } finally {
            backup.drop();
        }
    }

    @Test
    void anOperatorsFullRebuildAfterARestoreAlsoNumbersTheNextChangesPastWhatTheGraphHadSeen() {
        CatalogCopy backup = backupWithTheSyncHeld();
        try {
            loadXle(33);
            sync.syncNow(false, "test");
            long seen = sync.syncedUpTo();

            backup.restore();
            sync.syncNow(true, "the runbook's rebuild after a restore");
            loadXle(35);

            assertThat(catalog.lastEventId()).as("the first change after the restore").isGreaterThan(seen);
        } finally {
            backup.drop();
        }
    }

    HttpResponse<String> getQuery(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFullRebuildRestoresAWipedGraph() {
        try (Session session = neo4j.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (n) WHERE NOT n:__SchemaMigration DETACH DELETE n").consume());
        }
        // the graph lost its meta node too, so the next pass knows it must rebuild
        SyncRun run = sync.syncNow(false, "test");
        assertThat(run.full()).isTrue();
        // building into an empty graph closed the gate for readers and opened it again at the end
        var lastReadiness = availability.getLastChangeEvent(ReadinessState.class);
        assertThat(lastReadiness.getSource()).isSameAs(building);
        assertThat(lastReadiness.getState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(run.groupsDone()).isEqualTo(run.groupsTotal()).isGreaterThan(20);
        assertThat(drift.check().differing()).isEmpty();

        SyncRun again = sync.syncNow(true, "test");
        assertThat(again.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
        assertThat(drift.check().differing()).isEmpty();
    }

    @Test
    void whileTheGraphIsBuiltIntoAnEmptyNeo4jReadsAreRefusedAndTheInstanceIsNotReady() throws Exception {
        building.started();
        try {
            assertThatThrownBy(() -> reads.stocks(List.of("AAPL"))).isInstanceOf(GraphNotReadyException.class);
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(503);
            // a query the cache cannot answer gets a clear, retryable error instead of part of the catalog
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ stocksBySymbol(symbols: [\\\"ZZQX\\\"]) { symbol } }\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JsonMapper.builder().build().readTree(answer.body());
            assertThat(body.path("errors").path(0).path("extensions").path("code").asString()).as(answer.body()).isEqualTo("UNAVAILABLE");
        } finally {
            building.finished();
        }
        assertThat(reads.stocks(List.of("AAPL"))).hasSize(1);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }
}
