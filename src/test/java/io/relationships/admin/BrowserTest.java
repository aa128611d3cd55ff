package io.relationships.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import io.relationships.IntegrationTest;
import io.relationships.api.security.ApiKeys;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadService;
import io.relationships.support.CatalogFingerprint;
import io.relationships.support.HeadlessChromium;
import io.relationships.support.RestoresSampleData;
import io.relationships.support.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page in a real browser (Debian's headless chromium, driven by its chromedriver) against the whole
 * service on the embedded engines, logged in as the admin; the sample data restored after each test. Screenshots go
 * to {@code target/screenshots} (the ones the docs show are copied to {@code docs/images}).
 */
@IntegrationTest
@RestoresSampleData
abstract class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final Path DOWNLOADS = Path.of("target/browser-downloads").toAbsolutePath();

    static ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    @Autowired
    ApiKeys keys;

    final TestFiles files = TestFiles.create();

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(DOWNLOADS);
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.start(Map.of("download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false,
                "profile.default_content_setting_values.automatic_downloads", 1));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void logInAsAdmin() {
        sync.syncNow(false, "test");
        logIn("admin", "test-admin-password");
    }


    // -------------------------------------------------------------------------------------------------------------

    void logIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        assertThat(browser.findElements(By.id("username"))).as(browser.getPageSource()).isNotEmpty();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor().until(ExpectedConditions.urlContains("/admin/relationships"));
        waitUntilLoaded(null);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Waits up to 30 s; an element the page re-rendered meanwhile is looked up again on the next try. */
    WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits for the page to finish a refresh of its panels that began after {@code since} (a data-loaded stamp). */
    void waitUntilLoaded(String since) {
        waitFor().until(d -> {
            String loaded = browser.findElement(By.tagName("body")).getDomAttribute("data-loaded");
            return loaded != null && !loaded.equals(since);
        });
    }

    String loadedStamp() {
        return browser.findElement(By.tagName("body")).getDomAttribute("data-loaded");
    }

    String stat(String name) {
        return browser.findElement(By.cssSelector("[data-stat='" + name + "'] dd")).getText();
    }

    void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    List<LogEntry> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** Uploads files through the page's form and waits for their dry run to end. */
    WebElement upload(String kind, Path... files) {
        new Select(browser.findElement(By.id("upload-kind"))).selectByValue(kind);
        // several files at once: their paths, one per line
        browser.findElement(By.id("upload-file")).sendKeys(String.join("\n", Stream.of(files).map(f -> f.toAbsolutePath().toString()).toList()));
        browser.findElement(By.id("upload-button")).click();
        return waitFor().until(d -> {
            List<WebElement> runs = browser.findElements(By.cssSelector("#upload-result [data-run-detail]"));
            return runs.isEmpty() || runs.get(0).getDomAttribute("data-status").equals("RUNNING") ? null : runs.get(0);
        });
    }

    String fingerprint() {
        return CatalogFingerprint.of(jdbc);
    }
}
