package io.relationships;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.relationships.graph.GraphSync;
import io.relationships.load.FileOutcome;
import io.relationships.load.Finding;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.CatalogFingerprint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of hostile and broken input in {@code src/test/resources/fixtures/hostile}: files for every loader
 * and GraphQL requests. Each case's expectation is in the corpus's {@code cases.tsv}; every one must be refused
 * with a clear, located error and leave PostgreSQL and Neo4j exactly as they were.
 */
@IntegrationTest
class HostileInputTest {

    static final Path CORPUS = Path.of("src/test/resources/fixtures/hostile");

    @Autowired
    LoadService loads;
    @Autowired
    LoadRunStore runs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Driver neo4j;
    @Autowired
    GraphSync sync;
    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    /** What both stores hold: the catalog's digest and the graph's node and relationship counts. */
    record Stores(String catalog, long nodes, long relationships) {
    }

    Stores stores() {
        try (var session = neo4j.session()) {
            long nodes = session.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong();
            long relationships = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single().get("c").asLong();
            return new Stores(CatalogFingerprint.of(jdbc), nodes, relationships);
        }
    }

    @BeforeEach
    void graphInStep() {
        sync.syncNow(false, "test");
    }

    static List<String[]> cases(String manifest) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve(manifest))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    static Integer number(String cell) {
        return cell.equals("-") ? null : Integer.valueOf(cell);
    }

    // -------------------------------------------------------------------------------------------------------------

    /** kind, file, key of its group, code of the first error, its line, its column ({@code -} for none). */
    @TestFactory
    Stream<DynamicTest> everyBadFileIsRejectedWithALocatedErrorAndChangesNothing() throws IOException {
        List<String[]> cases = cases("files.tsv");
        assertThat(cases.size()).as("files in the corpus").isGreaterThanOrEqualTo(40);
        try (Stream<Path> all = Files.walk(CORPUS)) {
            long files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".tsv"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("graphql")).count();
            assertThat(files).as("every file of the corpus has a case").isEqualTo(cases.size());
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c[1], () -> {
            RunKind kind = RunKind.valueOf(c[0]);
            Path file = CORPUS.resolve(c[1]).toAbsolutePath();
            Stores before = stores();

            LoadRunRecord run = loads.run(LoadRequest.of(kind, kind == RunKind.SECTORS ? LoadMode.FULL : LoadMode.INCREMENTAL, Trigger.CLI, "test")
                    .withFiles(List.of(new LoadRequest.FileSpec(file, c[2].equals("-") ? null : c[2]))));

            assertThat(run.status()).as(c[1] + ": " + run.error()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).as(c[1]).contains(file.getFileName().toString()).contains("nothing was written");
            List<Finding> errors = runs.findings(run.id(), 100).stream().filter(Finding::isError).toList();
            assertThat(errors).as(c[1]).isNotEmpty();
            Finding first = errors.get(0);
            assertThat(first.code() + " at " + first.line() + ":" + first.column()).as(c[1] + " — " + first)
                    .isEqualTo(c[3] + " at " + number(c[4]) + ":" + number(c[5]));
            assertThat(first.file()).as(c[1]).endsWith(file.getFileName().toString());
            assertThat(first.message()).as(c[1] + " has a message a person can act on").hasSizeGreaterThan(15);
            assertThat(runs.files(run.id())).as(c[1]).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.REJECTED);
            sync.syncNow(false, "test");
            assertThat(stores()).as(c[1] + " left both stores as they were").isEqualTo(before);
        }));
    }

    /** file, whether it is sent with an admin key, HTTP status, error code, a part of the message. */
    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsAClearErrorAndChangesNothing() throws IOException {
        List<String[]> cases = cases("graphql/cases.tsv");
        try (Stream<Path> all = Files.list(CORPUS.resolve("graphql"))) {
            assertThat(all.filter(p -> !p.getFileName().toString().endsWith(".tsv")).count()).as("every request has a case").isEqualTo(cases.size());
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
            byte[] body = Files.readAllBytes(CORPUS.resolve("graphql").resolve(c[0]));
            Stores before = stores();
            HttpResponse<String> response = send(body, c[1].equals("admin"));
            assertThat(response.statusCode()).as(c[0] + " → " + response.body()).isEqualTo(Integer.parseInt(c[2]));
            JsonNode answer = json.readTree(response.body());
            JsonNode error = answer.path("errors").path(0);
            assertThat(error.path("extensions").path("code").asString()).as(c[0] + " → " + response.body()).isEqualTo(c[3]);
            assertThat(error.path("message").asString()).as(c[0]).contains(c[4]);
            assertThat(response.body()).as(c[0] + " leaks no internals").doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("org.springframework").doesNotContain("graphql.");
            sync.syncNow(false, "test");
            assertThat(stores()).as(c[0] + " left both stores as they were").isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> anOversizedRequestIsRefusedBeforeItIsRead() {
        String symbols = "\"" + "A".repeat(8) + "\",";
        String body = "{\"query\": \"query($s: [String!]!) { stocksBySymbol(symbols: $s) { symbol } }\", \"variables\": {\"s\": ["
                + symbols.repeat(200_000) + "\"B\"]}}"; // ≈ 2.2 MB
        return Stream.of(DynamicTest.dynamicTest("2 MB of variables", () -> {
            HttpResponse<String> response = send(body.getBytes(), false);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(json.readTree(response.body()).path("errors").path(0).path("extensions").path("code").asString())
                    .isEqualTo("PAYLOAD_TOO_LARGE");
        }));
    }

    HttpResponse<String> send(byte[] body, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (admin) {
            request.header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
