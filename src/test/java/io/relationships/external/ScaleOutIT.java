package io.relationships.external;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.relationships.support.GraphQlHttp;
import io.relationships.support.Multipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the production artifact on one PostgreSQL and one Neo4j (in a process of their own), behind a
 * real nginx configured by the repository's deploy/nginx.conf, round robin: every request may land on any instance,
 * and every instance answers everything. Last, one instance is killed during a load: the others keep serving, the
 * load lock is released and the interrupted run is marked failed by the next load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    static final String KEY = "scale-out-it-key";

    @TempDir
    static Path work;
    static Servers engines;
    static final List<ServiceProcess> instances = new ArrayList<>();
    static Nginx proxy;
    static Path files;
    static Path jar;

    @BeforeAll
    static void cluster() throws Exception {
        engines = Servers.start(work.resolve("engines"));
        files = Files.createDirectories(work.resolve("files"));
        jar = ServiceProcess.jar("target/production");
        // the first seeds the empty catalog; the others start once it has (two seeders would race for the load lock)
        instances.add(ServiceProcess.start(jar, work.resolve("instance-0"), arguments(true)));
        instances.get(0).awaitReady(Duration.ofMinutes(4));
        instances.add(ServiceProcess.start(jar, work.resolve("instance-1"), arguments(false)));
        instances.add(ServiceProcess.start(jar, work.resolve("instance-2"), arguments(false)));
        instances.get(1).awaitReady(Duration.ofMinutes(4));
        instances.get(2).awaitReady(Duration.ofMinutes(4));
        proxy = Nginx.start(work.resolve("nginx"), instances.stream().map(i -> i.port).toList());
    }

    static List<String> arguments(boolean seed) {
        List<String> arguments = new ArrayList<>(engines.arguments());
        arguments.addAll(List.of("--relationships.load.seed-on-empty=" + seed, "--relationships.data-dir=" + Path.of("data").toAbsolutePath(),
                "--relationships.load.allowed-roots=" + files, "--relationships.security.bootstrap-api-key=" + KEY,
                "--relationships.api.startup.warm-up=200ms", "--server.forward-headers-strategy=framework"));
        return arguments;
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (ServiceProcess instance : instances) {
            instance.close();
        }
        if (engines != null) {
            engines.close();
        }
    }

    static GraphQlHttp through(String url) {
        return new GraphQlHttp(url, KEY);
    }

    static Path holdings(String fund, int nvda) throws IOException {
        return Files.writeString(files.resolve(fund + ".csv"), "# fund: " + fund + "\n# as_of: 2025-11-20\nsymbol,weight\nNVDA," + nvda
                + "\nAAPL," + (100 - nvda) + "\n");
    }

    /** The CLI of the same jar, as an operator runs it from another machine: only the proxy's address. */
    static String cli(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString(), "cli",
                "--url", proxy.url(), "--api-key", KEY));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    @Order(1)
    void aCliLoadThroughTheProxyFollowsItsProgressToVisibleAndEveryInstanceReadsIt() throws Exception {
        String output = cli("load", "etf-holdings", "--file", holdings("SCL", 70).toString(), "--yes");

        assertThat(output).contains("SUCCEEDED").contains("visible to every reader since");
        for (ServiceProcess instance : instances) {
            JsonNode etf = through(instance.url()).post("{ etf(symbol: \"SCL\") { holdings(first: 1) { edges { node { weight } } } } }");
            assertThat(etf.path("data").path("etf").path("holdings").path("edges").path(0).path("node").path("weight").asDouble())
                    .as("instance on port %d", instance.port).isEqualTo(70.0);
        }
    }

    @Test
    @Order(2)
    void anUploadThroughOneInstanceIsAppliedThroughAnother() throws Exception {
        JsonNode uploaded = Multipart.post(instances.get(0).url() + "/admin/uploads", KEY, "UPS.csv",
                Files.readAllBytes(holdings("UPS", 55)));
        GraphQlHttp second = through(instances.get(1).url());
        long id = second.post("mutation($u: ID!) { loadEtfHoldings(files: [{upload: $u}]) { id } }", Map.of("u", uploaded.path("id").asString()))
                .path("data").path("loadEtfHoldings").path("id").asLong();
        List<JsonNode> events = through(proxy.url()).subscribe("subscription($id: ID!) { loadProgress(runId: $id) { phase } }", Map.of("id", id));

        assertThat(events.get(events.size() - 1).path("data").path("loadProgress").path("phase").asString()).isEqualTo("visible");
        assertThat(through(instances.get(2).url()).post("{ etf(symbol: \"UPS\") { holdingsCount } }").path("data").path("etf")
                .path("holdingsCount").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aReportSavedThroughTheProxyDownloadsFromEveryInstance() throws Exception {
        String url = through(proxy.url()).post("mutation { generateReport(format: MARKDOWN, save: true) { downloadUrl } }")
                .path("data").path("generateReport").path("downloadUrl").asString();
        for (ServiceProcess instance : instances) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.url() + url))
                    .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("instance on port %d", instance.port).isEqualTo(200);
            assertThat(response.body()).contains("# Relationship breakdown");
        }
    }

    @Test
    @Order(4)
    void aCacheRefreshThroughTheProxyReachesEveryInstance() throws Exception {
        for (ServiceProcess instance : instances) {
            through(instance.url()).post("{ stock(symbol: \"MSFT\") { etfs { edges { node { weight } } } } }");
        }
        through(proxy.url()).post("mutation { refreshCache(scope: ALL) { entries } }");

        for (ServiceProcess instance : instances) {
            long entries = -1;
            for (int i = 0; i < 100 && entries != 0; i++) {
                entries = through(instance.url()).post("{ cacheStats { entries } }").path("data").path("cacheStats").path("entries").asLong();
                Thread.sleep(50);
            }
            assertThat(entries).as("entries left on the instance on port %d", instance.port).isZero();
        }
    }

    @Test
    @Order(5)
    void anInstanceKilledMidLoadLeavesTheOthersServingAndTheNextLoadProceeds() throws Exception {
        Path many = Files.createDirectories(files.resolve("many"));
        for (int i = 0; i < 400; i++) {
            Files.writeString(many.resolve("K" + i + ".csv"), "# fund: K" + i + "\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,50\nMSFT,50\n");
        }
        ServiceProcess victim = instances.get(2);
        long id = through(victim.url()).post("mutation($d: String!) { loadEtfHoldings(mode: FULL, directory: $d) { id } }",
                Map.of("d", many.toString())).path("data").path("loadEtfHoldings").path("id").asLong();
        victim.kill();

        // the others keep answering through the proxy, whichever upstream it picks
        CompletableFuture<Void> reads = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 30; i++) {
                JsonNode stock = through(proxy.url()).post("{ stock(symbol: \"AAPL\") { symbol } }");
                assertThat(stock.path("data").path("stock").path("symbol").asString()).as(stock.toString()).isEqualTo("AAPL");
            }
        });
        reads.get(2, TimeUnit.MINUTES);

        // the next load gets the lock (the dead session's lock went with its connection) and marks the cut-short run failed
        String output = cli("load", "etf-holdings", "--file", holdings("AFT", 60).toString(), "--yes");
        assertThat(output).contains("SUCCEEDED");
        JsonNode run = through(proxy.url()).post("query($id: ID!) { loadRun(id: $id) { status error } }", Map.of("id", id)).path("data").path("loadRun");
        assertThat(run.path("status").asString()).isEqualTo("FAILED");
        assertThat(run.path("error").asString()).contains("interrupted");
        assertThat(through(proxy.url()).post("{ etf(symbol: \"K0\") { symbol } }").path("data").path("etf").isNull())
                .as("nothing of the interrupted run was applied").isTrue();
    }
}
