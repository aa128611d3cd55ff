package io.relationships;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.relationships.load.SyntheticDataSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service is killed the hard way (SIGKILL: no shutdown hooks, PostgreSQL's postmaster left orphaned) while a
 * large load is applying, and between a load's commit and its graph sync. The next start must be clean: the orphan
 * stopped, an interrupted run marked so with nothing of it applied, a committed one projected without anyone asking,
 * and the next load free to run.
 */
class KilledServiceTest {

    static final String KEY = "killed-service-test-key";

    @TempDir
    Path work;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();
    Process service;
    int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    void start(Path synthetic, String... extra) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RelationshipServiceApplication.class.getName(),
                "--server.port=" + port,
                "--relationships.embedded.data-dir=" + work.resolve("var"),
                "--relationships.embedded.postgres-settings.fsync=off",
                "--relationships.load.allowed-roots=" + synthetic,
                "--relationships.load.upload-dir=" + work.resolve("uploads"),
                "--relationships.security.bootstrap-api-key=" + KEY,
                "--relationships.security.print-dev-key=false",
                "--relationships.cache.warm-on-start=false",
                "--logging.level.root=WARN"));
        command.addAll(List.of(extra));
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(service.isAlive()).as("the service died: " + log()).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not become ready: " + log());
    }

    String log() {
        try {
            String text = Files.readString(work.resolve("service.log"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    JsonNode graphQl(String document, Map<String, Object> variables) throws Exception {
        JsonNode body = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document, "variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(body.has("errors")).as(body.toString()).isFalse();
        return body.path("data");
    }

    /** The sample data is loaded (every kind) and no run is still going. */
    boolean seeded() throws Exception {
        JsonNode data = graphQl("{ stats { etfs themes } loadRuns(first: 1, status: RUNNING) { totalCount } }", Map.of());
        return data.path("stats").path("etfs").asInt() == 13 && data.path("stats").path("themes").asInt() > 0
                && data.path("loadRuns").path("totalCount").asInt() == 0;
    }

    String catalogState() throws Exception {
        return graphQl("{ stats { etfs securities universes themes relationships { kind count } } }", Map.of())
                .toString();
    }

    @Test
    void aServiceKilledWhileApplyingALoadRestartsCleanWithNothingOfTheLoadApplied() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path synthetic = work.resolve("synthetic");
        new SyntheticDataSet(new SyntheticDataSet.Scale("fault", 20_000, 300, 600_000, 5_000, 5), 42).write(synthetic);

        start(synthetic);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!seeded() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250); // the sample data is loaded at the first start, in the background
        }
        String before = catalogState();

        long runId = graphQl("mutation($dir: String) { loadEtfHoldings(mode: INCREMENTAL, directory: $dir) { id } }",
                Map.of("dir", synthetic.resolve("holdings").toString())).path("loadEtfHoldings").path("id").asLong();
        String phase = "";
        deadline = System.currentTimeMillis() + 120_000;
        while (!phase.equals("applying") && System.currentTimeMillis() < deadline) {
            JsonNode run = graphQl("query($id: ID!) { loadRun(id: $id) { status phase } }", Map.of("id", runId)).path("loadRun");
            assertThat(run.path("status").asString()).as("the load must still be running when it is killed").isEqualTo("RUNNING");
            phase = run.path("phase").asString("");
            Thread.sleep(10);
        }
        assertThat(phase).isEqualTo("applying");
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        start(synthetic);

        JsonNode run = graphQl("query($id: ID!) { loadRun(id: $id) { status error } }", Map.of("id", runId)).path("loadRun");
        assertThat(run.path("status").asString()).isEqualTo("FAILED");
        assertThat(run.path("error").asString()).contains("interrupted").contains("nothing of it was applied");
        assertThat(catalogState()).as("the catalog is as it was before the load").isEqualTo(before);
        assertThat(graphQl("{ etf(symbol: \"F0000\") { symbol } }", Map.of()).path("etf").isNull()).isTrue();

        JsonNode next = graphQl("mutation { loadEtfHoldings(mode: FULL) { id } }", Map.of());
        long nextId = next.path("loadEtfHoldings").path("id").asLong();
        assertThat(finalStatus(nextId)).as("no lock was left behind").isEqualTo("SUCCEEDED");

        JsonNode drift = graphQl("mutation { syncGraph { id } }", Map.of());
        assertThat(drift.path("syncGraph").path("id").asString()).isNotBlank();
        deadline = System.currentTimeMillis() + 60_000;
        JsonNode report;
        do {
            Thread.sleep(250);
            report = graphQl("mutation { checkDrift { groups { groupKey } integrity } }", Map.of()).path("checkDrift");
        } while (!report.path("groups").isEmpty() && System.currentTimeMillis() < deadline);
        assertThat(report.path("groups")).as("the graph matches the catalog").isEmpty();
    }

    @Test
    void aLoadCommittedJustBeforeTheServiceWasKilledReachesTheGraphAfterTheRestartWithoutAnyoneAsking() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path files = Files.createDirectories(work.resolve("files"));
        start(files);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!(seeded() && lag() == 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(weight("XLE", "XOM")).isEqualTo(23.0);
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // the same service with its sync held back stands for one killed between the commit and the sync
        start(files, "--relationships.graph.sync-enabled=false");
        Path xle = Files.writeString(files.resolve("XLE.csv"), "# fund: XLE\n# as_of: 2025-11-20\n# holdings: top\nsymbol,weight\nXOM,41\nCVX,20\n");
        long runId = graphQl("mutation($file: String!) { loadEtfHoldings(mode: INCREMENTAL, files: [{path: $file}]) { id } }",
                Map.of("file", xle.toString())).path("loadEtfHoldings").path("id").asLong();
        assertThat(finalStatus(runId)).isEqualTo("SUCCEEDED");
        // XLE, and the energy sector the stocks XLE no longer holds leave in the same run
        assertThat(lag()).as("committed in PostgreSQL, not yet in the graph").isEqualTo(2);
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        start(files);
        deadline = System.currentTimeMillis() + 60_000;
        while (lag() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(lag()).as("the outbox entry survived the kill and was projected: %s\n%s",
                graphQl("{ graphSync { phase lagChanges lastError lastRun { id status error } } }", Map.of()), log()).isZero();
        assertThat(weight("XLE", "XOM")).isEqualTo(41.0);
        JsonNode report = graphQl("mutation { checkDrift { groups { groupKey } } }", Map.of()).path("checkDrift");
        assertThat(report.path("groups")).as("the graph matches the catalog").isEmpty();
    }

    /** The status of a load run once it is no longer RUNNING. */
    String finalStatus(long runId) throws Exception {
        String status;
        do {
            Thread.sleep(100);
            status = graphQl("query($id: ID!) { loadRun(id: $id) { status } }", Map.of("id", runId)).path("loadRun").path("status").asString();
        } while (status.equals("RUNNING"));
        return status;
    }

    long lag() throws Exception {
        return graphQl("{ graphSync { lagChanges } }", Map.of()).path("graphSync").path("lagChanges").asLong();
    }

    /** The weight as the graph has it: a cache refresh first, so that the answer comes from Neo4j. */
    double weight(String etf, String stock) throws Exception {
        graphQl("mutation { refreshCache(scope: ALL) { entries } }", Map.of());
        for (JsonNode edge : graphQl("query($s: String!) { stock(symbol: $s) { etfs { edges { node { weight etf { symbol } } } } } }", Map.of("s", stock))
                .path("stock").path("etfs").path("edges")) {
            JsonNode holding = edge.path("node");
            if (holding.path("etf").path("symbol").asString().equals(etf)) {
                return holding.path("weight").asDouble();
            }
        }
        return Double.NaN;
    }
}
