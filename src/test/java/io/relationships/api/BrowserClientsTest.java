package io.relationships.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.relationships.IntegrationTest;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunStore;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as browsers use it, in a real one (Debian's headless chromium): a front-end served from another origin
 * (a page on a small static server of the test's own) calling it with fetch and WebSocket, and GraphiQL running the
 * cookbook's subscription.
 */
@IntegrationTest
class BrowserClientsTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    LoadService loads;
    @Autowired
    LoadRunStore runs;

    final JsonMapper json = JsonMapper.builder().build();
    HttpServer app;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.start(Map.of());
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.stop(0);
        }
    }

    /** Serves the front-end's page from {@code address} on a port of its own: an origin other than the service's. */
    String serveApp(String address) throws IOException {
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("/browser-app/index.html")) {
            page = in.readAllBytes();
        }
        app = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        app.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        app.start();
        return "http://" + address + ":" + app.getAddress().getPort();
    }

    /** A dry run of the holdings (it changes nothing), RUNNING as it is returned: a subscription sees it move. */
    long startDryRun() {
        return loads.start(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.DRY_RUN, Trigger.CLI, "test")).id();
    }

    void awaitEnd(long run) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> runs.find(run).orElseThrow().status() != RunStatus.RUNNING);
    }

    JsonNode pageResults() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(browser.executeScript("return window.results && window.results.done")));
        return json.readTree((String) browser.executeScript("return JSON.stringify(window.results)"));
    }

    @Test
    void aPageOnAnAllowedOriginRunsAQueryAndASubscription() throws Exception {
        String origin = serveApp("127.0.0.1"); // embedded mode allows any port of 127.0.0.1 and localhost
        long run = startDryRun();
        browser.get(origin + "/?service=http://localhost:" + port + "&run=" + run);
        JsonNode results = pageResults();
        Files.write(SCREENSHOTS.resolve("cross-origin-app.png"), browser.getScreenshotAs(OutputType.BYTES));

        assertThat(results.path("query").path("body").path("data").path("stock").path("symbol").asString()).as(results.toString()).isEqualTo("AAPL");
        assertThat(results.path("get").path("status").asInt()).isEqualTo(200);
        assertThat(results.path("get").path("body").path("data").path("etf").path("symbol").asString()).isEqualTo("XLK");
        assertThat(results.path("get").path("etag").asString()).as("the ETag is exposed to the page").startsWith("W/\"");
        assertThat(results.path("subscriptionError").isNull()).as(results.toString()).isTrue();
        JsonNode events = results.path("events");
        assertThat(events.size()).as(results.toString()).isPositive();
        assertThat(events.get(events.size() - 1).path("data").path("loadProgress").path("finished").asBoolean()).isTrue();
        awaitEnd(run);
    }

    @Test
    void aPageOnAnOriginNotAllowedCannotReadTheAnswersNorOpenASocket() throws Exception {
        String origin = serveApp("127.0.0.2"); // loopback too, but not an allowed origin
        long run = startDryRun();
        browser.get(origin + "/?service=http://localhost:" + port + "&run=" + run);
        JsonNode results = pageResults();

        assertThat(results.path("query").path("failed").asString()).as(results.toString()).contains("Failed to fetch");
        assertThat(results.path("get").path("failed").asString()).contains("Failed to fetch");
        assertThat(results.path("events")).isEmpty();
        assertThat(results.path("subscriptionError").asString()).isEqualTo("the WebSocket failed");
        awaitEnd(run);
    }

    @Test
    void graphiqlRunsTheCookbooksSubscriptionOverWebSocketAndShowsItsEvents() throws Exception {
        Matcher example = Pattern.compile("```graphql\\n(subscription Progress.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("docs/graphql.md")));
        assertThat(example.find()).as("the cookbook's subscription example").isTrue();
        browser.get("http://localhost:" + port + "/graphiql");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !browser.findElements(By.cssSelector(".graphiql-query-editor .CodeMirror")).isEmpty()
                && !browser.findElements(By.cssSelector(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror")).isEmpty());

        long run = startDryRun();
        browser.executeScript("document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0]);"
                + "document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').CodeMirror.setValue(arguments[1]);",
                example.group(1), "{\"runId\": \"" + run + "\"}");
        browser.findElement(By.cssSelector(".graphiql-execute-button")).click();

        // every answer GraphiQL shows, as the events arrive, until the last one
        Set<String> shown = new LinkedHashSet<>();
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(20))
                .withMessage(() -> "GraphiQL showed " + shown + " for run " + run).until(d -> {
            String result = (String) browser.executeScript("const r = document.querySelector('.result-window .CodeMirror');"
                    + " return r ? r.CodeMirror.getValue() : '';");
            if (!result.isBlank()) {
                shown.add(result);
            }
            return result.contains("\"finished\": true");
        });
        Files.write(SCREENSHOTS.resolve("graphiql-subscription.png"), browser.getScreenshotAs(OutputType.BYTES));
        String last = List.copyOf(shown).get(shown.size() - 1);
        assertThat(last).contains("\"loadProgress\"").contains("\"phase\"").doesNotContain("subscriptionUrl").doesNotContain("\"errors\"");
        assertThat(json.readTree(last).path("data").path("loadProgress").path("finished").asBoolean()).isTrue();
        awaitEnd(run);
    }
}
