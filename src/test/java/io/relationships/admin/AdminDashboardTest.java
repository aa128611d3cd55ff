package io.relationships.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.relationships.api.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page's panels and actions in a real browser (see {@link BrowserTest}): what it shows, uploads, loads,
 * syncs, reports, and who may do what.
 */
class AdminDashboardTest extends BrowserTest {

    @Test
    void thePageShowsTheCatalogItsQualityAndItsRunsWithoutConsoleErrors() throws IOException {
        assertThat(stat("etfs")).isEqualTo("13");
        assertThat(Integer.parseInt(stat("stocks").replace(",", ""))).isGreaterThan(100);
        assertThat(browser.findElements(By.cssSelector("#checks tbody tr[data-check]"))).hasSizeGreaterThan(10);
        assertThat(browser.findElement(By.cssSelector("[data-check='sector_coverage']")).getText()).contains("completeness");
        assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr[data-run]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#sector-chart rect.bar"))).hasSizeGreaterThan(5);
        assertThat(browser.findElement(By.cssSelector("#cache-stats [data-key='hit rate']")).getText()).endsWith("%");
        assertThat(browser.findElement(By.cssSelector("#sync-status [data-key='phase']")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("actions")).isDisplayed()).isTrue();
        screenshot("admin-overview");

        browser.findElement(By.cssSelector("#runs-table tbody tr[data-run] button")).click();
        WebElement detail = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#run-detail [data-run-detail]")));
        assertThat(detail.getText()).contains("Run #");
        assertThat(consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void anUploadIsCheckedByADryRunThenAppliedAndRolledBack() throws IOException {
        String before = fingerprint();
        String stocksBefore = stat("stocks");
        String xlk = Files.readString(Path.of("data/holdings/XLK.csv"))
                + "ZZZQ,Zed Quantum Corp,0.5,Information Technology\n";
        Path file = files.write("XLK.csv", xlk);

        WebElement dryRun = upload("loadEtfHoldings", file);
        assertThat(dryRun.getDomAttribute("data-status")).as(dryRun.getText()).isEqualTo("SUCCEEDED");
        assertThat(dryRun.getText()).contains("DRY_RUN").contains("Would change").contains("ETF XLK").contains("+ ZZZQ");
        assertThat(fingerprint()).as("a dry run writes nothing").isEqualTo(before);
        screenshot("admin-upload-dry-run");

        String stamp = loadedStamp();
        browser.findElement(By.id("apply-upload")).click();
        WebElement applied = waitFor().until(d -> {
            List<WebElement> runs = browser.findElements(By.cssSelector("#upload-result [data-run-detail]"));
            return !runs.isEmpty() && runs.get(0).getText().contains("INCREMENTAL") && "SUCCEEDED".equals(runs.get(0).getDomAttribute("data-status"))
                    ? runs.get(0) : null;
        });
        waitUntilLoaded(stamp);
        assertThat(applied.getText()).contains("Changed").contains("+ ZZZQ");
        assertThat(Integer.parseInt(stat("stocks").replace(",", ""))).isEqualTo(Integer.parseInt(stocksBefore.replace(",", "")) + 1);

        stamp = loadedStamp();
        browser.findElement(By.id("rollback-button")).click();
        waitFor().until(ExpectedConditions.alertIsPresent()).accept();
        waitFor().until(d -> browser.findElement(By.id("action-result")).getText().contains("rolled back"));
        waitUntilLoaded(stamp);
        assertThat(stat("stocks")).isEqualTo(stocksBefore);
        assertThat(fingerprint()).as("the rollback restored the catalog exactly").isEqualTo(before);
    }

    @Test
    void aMalformedUploadShowsTheLocatedErrorAndChangesNothing() throws IOException {
        String before = fingerprint();
        Path file = files.write("XLK.csv", "# as_of: 2025-11-14\nsymbol,name,weight\nNVDA,NVIDIA,twenty\n<img src=x onerror=window.pwned=1>,Evil,5\n");

        WebElement run = upload("loadEtfHoldings", file);

        assertThat(run.getDomAttribute("data-status")).isEqualTo("FAILED");
        assertThat(run.getText()).contains("XLK.csv:3:3").contains("WEIGHT_NOT_A_NUMBER").contains("<img src=x onerror");
        assertThat(browser.findElements(By.id("apply-upload"))).as("nothing to apply").isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).as("shown as text, never run").isEqualTo(true);
        assertThat(fingerprint()).isEqualTo(before);
        screenshot("admin-upload-rejected");
    }

    @Test
    void refreshingTheCacheEmptiesItAndTheFiguresSaySo() {
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url("/graphql"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ stock(symbol: \\\"AAPL\\\") { etfs { edges { node { weight } } } } }\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).join();
        browser.navigate().refresh();
        waitUntilLoaded(null);
        assertThat(browser.findElement(By.cssSelector("#cache-stats [data-key='entries']")).getText()).isNotEqualTo("0");

        String stamp = loadedStamp();
        browser.findElement(By.id("cache-button")).click();
        waitFor().until(d -> browser.findElement(By.id("action-result")).getText().contains("Cache refreshed"));
        waitUntilLoaded(stamp);
        assertThat(browser.findElement(By.cssSelector("#cache-stats [data-key='entries']")).getText()).isEqualTo("0");
    }

    @Test
    void aGraphSyncStartedFromTheKeyboardShowsItsResultAndJoinsTheRecentSyncs() {
        String stamp = loadedStamp();
        // keyboard only: Tab from the top of the page until the button has the focus, then Enter
        browser.findElement(By.tagName("body")).click();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (int i = 0; i < 80 && !"sync-button".equals(js.executeScript("return document.activeElement && document.activeElement.id")); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(js.executeScript("return document.activeElement.id")).as("the sync button is reachable with Tab").isEqualTo("sync-button");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        waitFor().until(d -> browser.findElement(By.id("action-result")).getText().contains("Graph sync SUCCEEDED"));
        waitUntilLoaded(stamp);
        WebElement latest = browser.findElement(By.cssSelector("#sync-runs-table tbody tr[data-sync-run]"));
        assertThat(latest.getText()).contains("incremental").contains("SUCCEEDED").contains("admin");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aLoadFromTheActionsShowsItsProgressAndResult() {
        String stamp = loadedStamp();
        new Select(browser.findElement(By.id("load-kind"))).selectByValue("loadUniverses");
        assertThat(new Select(browser.findElement(By.id("load-mode"))).getFirstSelectedOption().getDomAttribute("value"))
                .as("a dry run is the default").isEqualTo("DRY_RUN");
        browser.findElement(By.id("load-button")).click();
        WebElement run = waitFor().until(d -> {
            List<WebElement> runs = browser.findElements(By.cssSelector("#action-result [data-run-detail]"));
            return runs.isEmpty() ? null : runs.get(0);
        });
        waitUntilLoaded(stamp);
        assertThat(run.getText()).contains("UNIVERSES DRY_RUN").contains("SUCCEEDED");
        assertThat(browser.findElement(By.id("progress-text")).getText()).contains("SUCCEEDED");
    }

    @Test
    void aReportDownloadsInEachFormat() throws Exception {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            old.forEach(p -> p.toFile().delete());
        }
        // one at a time: a page that starts several downloads at once may have all but the first held back by the browser
        int expected = 0;
        for (String format : List.of("MARKDOWN", "JSON", "HTML")) {
            browser.findElement(By.cssSelector("button.download[data-format='" + format + "']")).click();
            int count = ++expected;
            waitFor().until(d -> {
                try (Stream<Path> downloaded = Files.list(DOWNLOADS)) {
                    return downloaded.filter(p -> !p.toString().endsWith(".crdownload") && !p.toString().endsWith(".tmp")).count() == count;
                } catch (IOException e) {
                    return false;
                }
            });
        }
        try (Stream<Path> downloaded = Files.list(DOWNLOADS)) {
            List<Path> reports = downloaded.sorted().toList();
            assertThat(reports).extracting(p -> p.getFileName().toString()).allMatch(n -> n.startsWith("relationship_breakdown_"))
                    .anyMatch(n -> n.endsWith(".md")).anyMatch(n -> n.endsWith(".json")).anyMatch(n -> n.endsWith(".html"));
            for (Path report : reports) {
                String content = Files.readString(report);
                String name = report.getFileName().toString();
                assertThat(content).as(name).contains(name.endsWith(".md") ? "# Relationship breakdown"
                        : name.endsWith(".json") ? "\"generatedAt\"" : "<h1>Relationship breakdown</h1>");
            }
            // the HTML report is a page of its own: it opens in a browser, offline, with its charts and no errors
            Path html = reports.stream().filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
            browser.manage().logs().get(LogType.BROWSER); // drop what came before
            browser.get(html.toUri().toString());
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Relationship breakdown");
            assertThat(browser.findElements(By.cssSelector("svg"))).isNotEmpty();
            assertThat(consoleErrors()).isEmpty();
        }
    }

    @Test
    void aViewerSeesTheFiguresButNoActions() throws IOException {
        logIn("viewer", "viewer-password");
        assertThat(stat("etfs")).isEqualTo("13");
        assertThat(browser.findElement(By.id("who")).getText()).contains("viewer").contains("VIEWER");
        assertThat(browser.findElement(By.id("actions")).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("#runs-table tbody tr[data-run] button")).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#run-detail [data-run-detail]")));
        assertThat(browser.findElements(By.id("rollback-button"))).isEmpty();
        screenshot("admin-viewer");
    }

    @Test
    void uploadsAreGuardedByNameSizeRoleAndCsrf() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String operator = "Bearer " + keys.create("uploader", Role.OPERATOR, "test").key();
        String viewer = "Bearer " + keys.create("looker", Role.VIEWER, "test").key();

        // HTTP Basic is what a browser remembers and sends by itself: a change with it needs the CSRF token too
        String basic = "Basic " + Base64.getEncoder().encodeToString("operator:operator-password".getBytes(StandardCharsets.UTF_8));
        assertThat(http.send(multipart(basic, "XLK.csv", "symbol,weight\nA,1\n".getBytes()), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);

        HttpResponse<String> traversal = http.send(multipart(operator, "../../etc/cron.d/evil.csv", "symbol,weight\nA,1\n".getBytes()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(traversal.body()).contains("contains a path");

        HttpResponse<String> byViewer = http.send(multipart(viewer, "XLK.csv", "symbol,weight\nA,1\n".getBytes()), HttpResponse.BodyHandlers.ofString());
        assertThat(byViewer.statusCode()).isEqualTo(403);

        byte[] tooLarge = new byte[50 * 1024 * 1024 + 1];
        HttpResponse<String> huge = http.send(multipart(operator, "HUGE.csv", tooLarge), HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("PAYLOAD_TOO_LARGE");

        HttpResponse<String> fine = http.send(multipart(operator, "XLK (1).csv", "symbol,weight\nA,1\n".getBytes()), HttpResponse.BodyHandlers.ofString());
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
        assertThat(fine.body()).contains("\"fileName\":\"XLK (1).csv\"");

        // the browser's session: a change without the CSRF token is refused
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElseThrow();
        HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(URI.create(url("/graphql"))).header("Content-Type", "application/json")
                .header("Cookie", cookies).POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"mutation { refreshCache { entries } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
    }

    HttpRequest multipart(String authorization, String fileName, byte[] content) {
        String boundary = "----relationships-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(url("/admin/uploads")))
                .header("Authorization", authorization).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))).build();
    }
}
