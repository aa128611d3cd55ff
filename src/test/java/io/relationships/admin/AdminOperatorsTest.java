package io.relationships.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadRunRecord;
import io.relationships.load.LoadRunStore;
import io.relationships.load.RunKind;
import io.relationships.load.RunStatus;
import io.relationships.load.Trigger;
import io.relationships.quality.QualityMonitor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the people who keep the data current need from the admin page (see {@link BrowserTest}): the steward's panel
 * of securities without a sector and its template, banners for every check that warns or fails, the last loads and
 * the next scheduled run at the top, several files (and archives) checked together. {@code admin-steward.png} in
 * {@code docs/images} is this test's screenshot.
 */
class AdminOperatorsTest extends BrowserTest {

    static final String ISO_INSTANT = ".*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*";

    @Autowired
    LoadRunStore runs;
    @Autowired
    QualityMonitor monitor;

    /** An ETF holding three stocks no source knows, two of them also in a universe (so the sector check counts them). */
    void loadUnclassified() {
        Path etf = files.write("ZZET.csv", "# fund: ZZET\n# as_of: 2025-11-20\nsymbol,name,weight\nUNKA,Unknown Alpha Corp,60\n"
                + "UNKB,Unknown Beta Inc,30\nUNKC,Unknown Gamma Ltd,10\n");
        Path other = files.write("ZZEU.csv", "# fund: ZZEU\n# as_of: 2025-11-20\nsymbol,name,weight\nUNKB,Unknown Beta Inc,45\nAAPL,Apple Inc.,55\n");
        Path universe = files.write("unknowns.csv", "symbol,name\nUNKA,Unknown Alpha Corp\nUNKB,Unknown Beta Inc\nUNKC,Unknown Gamma Ltd\n"
                + "UNKD,Unknown Delta Co\nUNKE,Unknown Epsilon Co\n");
        for (var request : List.of(LoadRequest.of(RunKind.ETF_HOLDINGS, LoadMode.INCREMENTAL, Trigger.CLI, "test")
                        .withFiles(List.of(new LoadRequest.FileSpec(etf, null), new LoadRequest.FileSpec(other, null))),
                LoadRequest.of(RunKind.UNIVERSES, LoadMode.INCREMENTAL, Trigger.CLI, "test").withFiles(List.of(new LoadRequest.FileSpec(universe, null))))) {
            LoadRunRecord run = loads.run(request);
            assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.SUCCEEDED);
        }
        browser.navigate().refresh();
        waitUntilLoaded(null);
    }

    @Test
    void theStewardPanelListsTheUnclassifiedHeaviestFirstAndDownloadsTheirTemplate() throws IOException {
        loadUnclassified();

        List<String> symbols = browser.findElements(By.cssSelector("#unclassified-table tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-symbol")).toList();
        assertThat(symbols).as("by the summed weight of the ETFs holding them: UNKB 30 + 45, UNKA 60, UNKC 10, then the rest")
                .containsExactly("UNKB", "UNKA", "UNKC", "UNKD", "UNKE");
        WebElement beta = browser.findElement(By.cssSelector("#unclassified-table tr[data-symbol='UNKB']"));
        assertThat(beta.getText()).contains("Unknown Beta Inc").contains("75.00%").contains("ZZEU 45.00%, ZZET 30.00%").contains("unknowns");
        assertThat(browser.findElement(By.id("steward-count")).getText()).isEqualTo("5");
        assertThat(browser.findElement(By.cssSelector("[data-check='sector_coverage']")).getText())
                .as("the check's sample names them too").contains("sample (5)");
        screenshotOf("admin-steward", "steward");

        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            old.forEach(p -> p.toFile().delete());
        }
        browser.findElement(By.id("template-button")).click();
        Path template = DOWNLOADS.resolve("sector_classifications.csv");
        waitFor().until(d -> Files.exists(template));
        List<String> lines = Files.readAllLines(template);
        assertThat(lines.get(0)).isEqualTo("symbol,sector,industry,note");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactly("UNKB", "UNKA", "UNKC", "UNKD", "UNKE");
        assertThat(lines.get(1)).isEqualTo("UNKB,,,\"Unknown Beta Inc; held by ZZEU 45.00%, ZZET 30.00%; in unknowns\"");
    }

    @Test
    void everyCheckThatWarnsOrFailsHasABannerLinkingToItInLocalTime() throws IOException {
        loadUnclassified(); // 5 of 35 universe members without a sector: sector_coverage FAILS; the sample is stale: etf_freshness WARNS

        List<WebElement> banners = browser.findElements(By.cssSelector("#alerts li[data-alert]"));
        assertThat(banners).extracting(b -> b.getDomAttribute("data-alert")).contains("sector_coverage", "etf_freshness", "industry_coverage");
        assertThat(banners.get(0).getDomAttribute("class")).as("failures first").isEqualTo("fail");
        WebElement stale = browser.findElement(By.cssSelector("#alerts li[data-alert='etf_freshness']"));
        assertThat(stale.getText()).startsWith("WARN etf_freshness: stale data").contains("last load").doesNotMatch(ISO_INSTANT);
        assertThat(browser.findElement(By.cssSelector("#check-etf_freshness")).getText()).as("the check's own row too").doesNotMatch(ISO_INSTANT);

        stale.findElement(By.tagName("a")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#check-etf_freshness");
        assertThat(((JavascriptExecutor) browser).executeScript("return document.querySelector(':target').dataset.check")).isEqualTo("etf_freshness");
        browser.findElement(By.cssSelector("#alerts li[data-alert='sector_coverage'] a")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#check-sector_coverage");
        screenshotOf("admin-banners", "alerts");
    }

    @Test
    void theTopSaysTheLastHoldingsLoadTheLastEnrichmentAndTheNextScheduledRun() {
        long holdings = runs.list(RunKind.ETF_HOLDINGS, RunStatus.SUCCEEDED, null, 20).stream().filter(r -> !r.dryRun()).findFirst().orElseThrow().id();
        long sectors = runs.list(RunKind.SECTORS, RunStatus.SUCCEEDED, null, 20).stream().filter(r -> !r.dryRun()).findFirst().orElseThrow().id();

        assertThat(glance("last-holdings"))
                .startsWith("Last holdings load #" + holdings + " ").doesNotMatch(ISO_INSTANT);
        assertThat(glance("last-enrichment")).startsWith("Last sector enrichment #" + sectors + " ");
        assertThat(glance("next-quality-validation"))
                .startsWith("Next quality-validation").endsWith("(0 0 6 * * *)").doesNotMatch(ISO_INSTANT);
    }

    @Test
    void theTrendChartsLegendStaysInsideTheChart() {
        monitor.snapshot("test"); // a point of history at least
        browser.navigate().refresh();
        waitUntilLoaded(null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> labels = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('#trend-chart text.label')).map(t => {
                  const box = t.getBBox();
                  return { text: t.textContent, left: box.x, right: box.x + box.width };
                });""");
        assertThat(labels).extracting(l -> l.get("text")).contains("— sector coverage");
        for (Map<String, Object> label : labels) {
            assertThat(((Number) label.get("left")).doubleValue()).as(label.get("text") + " starts inside").isGreaterThanOrEqualTo(0);
            assertThat(((Number) label.get("right")).doubleValue()).as(label.get("text") + " ends inside the 480 wide chart").isLessThanOrEqualTo(480);
        }
    }

    @Test
    void severalFilesAndAnArchiveAreCheckedTogetherThenApplied() throws IOException {
        Path csv = files.write("ZZA.csv", "# fund: ZZA\n# as_of: 2025-11-20\nsymbol,weight\nNVDA,100\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String fund : List.of("ZZB", "ZZC")) {
                zip.putNextEntry(new ZipEntry("week47/" + fund + ".csv"));
                zip.write(("# fund: " + fund + "\n# as_of: 2025-11-20\nsymbol,weight\nAAPL,100\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Path archive = files.write("week47.zip", bytes.toByteArray());

        WebElement dryRun = upload("loadEtfHoldings", csv, archive);

        assertThat(dryRun.getDomAttribute("data-status")).as(dryRun.getText()).isEqualTo("SUCCEEDED");
        assertThat(dryRun.getText()).contains("ZZA.csv").contains("week47.zip!/ZZB.csv").contains("week47.zip!/ZZC.csv")
                .contains("ETF ZZA").contains("ETF ZZB").contains("ETF ZZC");
        browser.findElement(By.id("apply-upload")).click();
        waitFor().until(d -> browser.findElements(By.cssSelector("#upload-result [data-run-detail]")).stream()
                .anyMatch(run -> run.getText().contains("INCREMENTAL") && "SUCCEEDED".equals(run.getDomAttribute("data-status"))));
        assertThat(jdbc.sql("select count(*) from definition_groups where type = 'ETF' and key in ('ZZA', 'ZZB', 'ZZC')").query(Long.class).single())
                .isEqualTo(3);
    }

    /** An entry of the line at the top, its label and value on one line. */
    String glance(String key) {
        return browser.findElement(By.cssSelector("[data-glance='" + key + "']")).getText().replace('\n', ' ');
    }

    /** A screenshot of one element of the page. */
    void screenshotOf(String name, String elementId) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.findElement(By.id(elementId)).getScreenshotAs(OutputType.BYTES));
    }
}
