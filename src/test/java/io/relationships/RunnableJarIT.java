package io.relationships;

import java.io.IOException;
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
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar a user downloads or copies to a server, run as they would run it: {@code java -jar} from an empty folder,
 * nothing else given. It starts with the sample data it carries, and a client that polls readiness while it starts
 * and queries all along never reads a {@code null} for a seeded stock: before it is ready reads answer UNAVAILABLE,
 * after it they answer in full. Runs after {@code package} (failsafe), against the jar the build just made.
 */
class RunnableJarIT {

    static final String QUERY = "{ stock(symbol: \"AAPL\") { symbol sector { key } etfs { edges { node { etf { symbol } } } } } }";

    @TempDir
    Path folder;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final JsonMapper json = JsonMapper.builder().build();
    Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("relationship-service-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar") && !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no jar in target/: run mvn package first")).toAbsolutePath();
        }
    }

    @Test
    void fromAnEmptyFolderItServesTheSampleAndNeverAnswersNullForASeededStock() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        long started = System.nanoTime();
        service = new ProcessBuilder(java, "-jar", jar().toString(), "--server.port=" + port)
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("service.log").toFile()).start();

        List<String> answers = new ArrayList<>();
        boolean ready = false;
        long deadline = System.currentTimeMillis() + 240_000;
        while (!ready && System.currentTimeMillis() < deadline) {
            assertThat(service.isAlive()).as("the service died: %s", log()).isTrue();
            ready = status("/actuator/health/readiness", port) == 200;
            JsonNode answer = query(port);
            if (answer != null) {
                String code = answer.path("errors").path(0).path("extensions").path("code").asString("");
                boolean complete = answer.path("data").path("stock").path("etfs").path("edges").size() > 0;
                answers.add(complete ? "answer" : code.isEmpty() ? "NULL: " + answer : code);
            }
            Thread.sleep(25);
        }
        long readyAfter = (System.nanoTime() - started) / 1_000_000;

        assertThat(ready).as("ready within 4 minutes; log: %s", log()).isTrue();
        assertThat(answers).as("what the client read while the service started").allMatch(a -> a.equals("answer") || a.equals("UNAVAILABLE"));
        JsonNode after = query(port);
        assertThat(after.path("data").path("stock").path("sector").path("key").asString()).isEqualTo("information_technology");
        assertThat(after.path("data").path("stock").path("etfs").findValuesAsString("symbol")).contains("XLK", "DIA");
        assertThat(log()).contains("using the sample data packaged in the jar").contains("Relationship service ready");
        assertThat(Files.isDirectory(folder.resolve("var/sample-data/holdings"))).isTrue();
        System.out.printf("java -jar from an empty folder: ready after %d ms; %d reads while starting: %d UNAVAILABLE, %d answers%n",
                readyAfter, answers.size(), answers.stream().filter("UNAVAILABLE"::equals).count(),
                answers.stream().filter("answer"::equals).count());
    }

    private int status(String path, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode query(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", QUERY)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body())
                    : json.readTree("{\"errors\":[{\"extensions\":{\"code\":\"HTTP " + response.statusCode() + "\"}}]}");
        } catch (IOException notListeningYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String log() {
        try {
            return Files.readString(folder.resolve("service.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
