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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.IntegrationTest;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.Trigger;
import io.relationships.support.SampleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every example of docs/graphql.md, in order, against the sample data, and compares each one's answer with the
 * answer the doc shows right after it, so that the doc cannot drift from the service. Blocks: {@code graphql} (an
 * example; {@code graphql expect-error=NOT_FOUND} says the answer is that error), {@code json variables} (the
 * variables of the example before it), {@code json request} (a request body sent as it is) and {@code json answer}
 * (the answer, with the placeholders of {@link CookbookAnswers} for what changes from run to run). A subscription
 * has no answer block: it must stream until its run ends.
 *
 * <p>{@code mvn test -Dtest=GraphQlCookbookTest -Dregenerate.docs=true} writes the answers into the doc instead of
 * comparing (keeping the placeholders where they still match); read the diff before committing it. A mutation that
 * starts a load is followed, as the doc tells clients to, until its run is visible, so that the next example reads it.
 */
@IntegrationTest
class GraphQlCookbookTest {

    static final Path COOKBOOK = Path.of("docs/graphql.md");
    static final Pattern FENCE = Pattern.compile("```(graphql|json)([^\\n]*)\\n(.*?)```\\n?", Pattern.DOTALL);
    static final boolean REGENERATE = Boolean.getBoolean("regenerate.docs");
    static final Set<String> LOADS = Set.of("loadEtfHoldings", "loadUniverses", "loadThemes", "enrichSectors", "loadAll", "rollbackLoad");

    @LocalServerPort
    int port;
    @Autowired
    LoadService loads;
    @Autowired
    SampleCatalog catalog;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    /** An example: its block, its variables, and its answer block (where the doc has one: {@code answerStart} ≥ 0). */
    record Example(int number, String kind, String info, String body, Map<String, Object> variables, int end,
                   int answerStart, int answerEnd, String answer) {
    }

    static List<Example> examples(String text) {
        List<Example> examples = new ArrayList<>();
        Matcher matcher = FENCE.matcher(text);
        JsonMapper json = JsonMapper.builder().build();
        while (matcher.find()) {
            String kind = matcher.group(1);
            String info = matcher.group(2).strip();
            String body = matcher.group(3);
            Example previous = examples.isEmpty() ? null : examples.get(examples.size() - 1);
            if (kind.equals("json") && (info.startsWith("variables") || info.startsWith("answer"))) {
                examples.remove(examples.size() - 1);
                if (info.startsWith("variables")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> variables = json.readValue(body, LinkedHashMap.class);
                    examples.add(new Example(previous.number(), previous.kind(), previous.info(), previous.body(), variables, matcher.end(),
                            -1, -1, null));
                } else {
                    examples.add(new Example(previous.number(), previous.kind(), previous.info(), previous.body(), previous.variables(),
                            previous.end(), matcher.start(), matcher.end(), body));
                }
            } else {
                examples.add(new Example(examples.size() + 1, kind, info, body, Map.of(), matcher.end(), -1, -1, null));
            }
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> everyExampleOfTheCookbookAnswersWhatItShows() throws Exception {
        String text = Files.readString(COOKBOOK);
        List<Example> examples = examples(text);
        assertThat(examples.size()).as("examples in docs/graphql.md").isGreaterThan(25);
        String persisted = examples.stream().filter(e -> e.info().startsWith("request") && e.body().contains("\"query\""))
                .map(e -> json.readTree(e.body()).path("query").asString()).findFirst().orElseThrow();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(persisted.getBytes(StandardCharsets.UTF_8)));
        Map<Example, JsonNode> answers = new LinkedHashMap<>();
        Stream<DynamicTest> runs = examples.stream().map(example -> DynamicTest.dynamicTest("example " + example.number() + ": "
                + example.body().strip().lines().findFirst().orElse(""), () -> {
            waitForRunningLoads(); // one load at a time: an example's load must not meet the previous one's
            if (example.body().strip().startsWith("subscription")) {
                runSubscription(example);
                return;
            }
            String body = example.kind().equals("json") ? example.body().replace("HASH_OF_THE_QUERY", hash)
                    : json.writeValueAsString(Map.of("query", example.body(), "variables", example.variables()));
            JsonNode answer = post(body);
            followLoad(example, answer);
            answers.put(example, answer);
            String expectedError = expectedError(example);
            if (expectedError != null) {
                assertThat(answer.path("errors").path(0).path("extensions").path("code").asString()).as(answer.toString()).isEqualTo(expectedError);
            } else {
                assertThat(answer.path("errors").isMissingNode()).as(example.body() + " → " + answer).isTrue();
            }
            if (!REGENERATE) {
                assertThat(example.answer()).as("a ```json answer block after example %d; it answered:%n%s", example.number(),
                        CookbookAnswers.print(answer)).isNotNull();
                Optional<String> difference = CookbookAnswers.difference(json.readTree(example.answer()), answer, "answer");
                assertThat(difference).as("example %d answered:%n%s%n", example.number(), CookbookAnswers.print(answer)).isEmpty();
            }
        }));
        Stream<DynamicTest> after = Stream.of(DynamicTest.dynamicTest("the sample catalog as it was", catalog::restore));
        if (REGENERATE) {
            after = Stream.concat(after, Stream.of(DynamicTest.dynamicTest("the answers written into " + COOKBOOK,
                    () -> Files.writeString(COOKBOOK, withAnswers(text, answers)))));
        }
        return Stream.concat(runs, after);
    }

    /** The doc with each answer block written (or replaced) after its example. */
    String withAnswers(String text, Map<Example, JsonNode> answers) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Map.Entry<Example, JsonNode> entry : answers.entrySet()) {
            Example example = entry.getKey();
            JsonNode previous = example.answer() == null ? null : json.readTree(example.answer());
            String block = "\n```json answer\n" + CookbookAnswers.print(CookbookAnswers.merge(previous, entry.getValue())) + "\n```\n";
            if (example.answerStart() >= 0) {
                out.append(text, at, example.answerStart()).append(block.substring(1));
                at = example.answerEnd();
            } else {
                out.append(text, at, example.end()).append(block);
                at = example.end();
            }
        }
        return out.append(text.substring(at)).toString();
    }

    /** A mutation that started a load: followed until every reader sees the run (its {@code visibleAt}), or it failed. */
    void followLoad(Example example, JsonNode answer) throws Exception {
        if (!example.body().strip().startsWith("mutation") || !answer.path("data").isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : answer.path("data").properties()) {
            if (LOADS.contains(field.getKey()) && field.getValue().has("id")) {
                long deadline = System.currentTimeMillis() + 120_000;
                String id = field.getValue().path("id").asString();
                while (System.currentTimeMillis() < deadline) {
                    JsonNode run = post(json.writeValueAsString(Map.of("query", "query($id: ID!) { loadRun(id: $id) { status visibleAt } }",
                            "variables", Map.of("id", id)))).path("data").path("loadRun");
                    if (!run.path("visibleAt").isNull() || run.path("status").asString().equals("FAILED")) {
                        break;
                    }
                    Thread.sleep(50);
                }
            }
        }
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
