package io.relationships.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.IntegrationTest;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.Trigger;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every example of docs/graphql.md, in order, against the sample data: a {@code graphql} block must answer
 * without errors (or with the code its fence names: {@code graphql expect-error=NOT_FOUND}); a {@code json variables}
 * block gives the variables of the block before it; a {@code json request} block is sent as the request body.
 */
@IntegrationTest
class GraphQlCookbookTest {

    static final Path COOKBOOK = Path.of("docs/graphql.md");
    static final Pattern FENCE = Pattern.compile("```(graphql|json)([^\\n]*)\\n(.*?)```", Pattern.DOTALL);

    @LocalServerPort
    int port;
    @Autowired
    LoadService loads;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    record Example(int number, String kind, String info, String body, Map<String, Object> variables) {
    }

    static List<Example> examples() throws Exception {
        String text = Files.readString(COOKBOOK);
        List<Example> examples = new ArrayList<>();
        Matcher matcher = FENCE.matcher(text);
        JsonMapper json = JsonMapper.builder().build();
        while (matcher.find()) {
            String kind = matcher.group(1);
            String info = matcher.group(2).strip();
            String body = matcher.group(3);
            if (kind.equals("json") && info.startsWith("variables")) {
                Example previous = examples.remove(examples.size() - 1);
                @SuppressWarnings("unchecked")
                Map<String, Object> variables = json.readValue(body, LinkedHashMap.class);
                examples.add(new Example(previous.number(), previous.kind(), previous.info(), previous.body(), variables));
            } else {
                examples.add(new Example(examples.size() + 1, kind, info, body, Map.of()));
            }
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> everyExampleOfTheCookbookRuns() throws Exception {
        List<Example> examples = examples();
        assertThat(examples.size()).as("examples in docs/graphql.md").isGreaterThan(15);
        String persisted = examples.stream().filter(e -> e.info().startsWith("request") && e.body().contains("\"query\""))
                .map(e -> json.readTree(e.body()).path("query").asString()).findFirst().orElseThrow();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(persisted.getBytes(StandardCharsets.UTF_8)));
        return examples.stream().map(example -> DynamicTest.dynamicTest("example " + example.number() + ": "
                + example.body().strip().lines().findFirst().orElse(""), () -> {
            waitForRunningLoads(); // one load at a time: an example's load must not meet the previous one's
            String body;
            if (example.kind().equals("json")) {
                body = example.body().replace("HASH_OF_THE_QUERY", hash);
            } else if (example.body().strip().startsWith("subscription")) {
                runSubscription(example);
                return;
            } else {
                body = json.writeValueAsString(Map.of("query", example.body(), "variables", example.variables()));
            }
            JsonNode answer = post(body);
            String expected = expectedError(example);
            if (expected == null) {
                assertThat(answer.path("errors").isMissingNode()).as(example.body() + " → " + answer).isTrue();
                assertThat(answer.path("data").isObject()).isTrue();
            } else {
                assertThat(answer.path("errors").path(0).path("extensions").path("code").asString()).as(answer.toString()).isEqualTo(expected);
            }
        }));
    }

    void waitForRunningLoads() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (post("{\"query\": \"{ loadRuns(first: 1, status: RUNNING) { totalCount } }\"}").path("data").path("loadRuns")
                .path("totalCount").asInt() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    static String expectedError(Example example) {
        Matcher m = Pattern.compile("expect-error=(\\w+)").matcher(example.info());
        return m.find() ? m.group(1) : null;
    }

    /** A subscription follows a run: start a dry run, subscribe with its id, and read until it completes. */
    void runSubscription(Example example) throws Exception {
        long runId = loads.start(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "cookbook")).id();
        HttpResponse<String> response = http.send(request(json.writeValueAsString(Map.of("query", example.body(),
                "variables", Map.of("runId", runId)))).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("event:next").contains("\"loadProgress\"").contains("\"finished\":true").contains("event:complete");
    }

    JsonNode post(String body) throws Exception {
        return json.readTree(http.send(request(body).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    HttpRequest.Builder request(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
