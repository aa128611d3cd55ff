package io.relationships.support;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real browser for the tests of what a browser does: Debian's headless chromium driven by its chromedriver
 * ({@code CHROME_BIN} and {@code CHROMEDRIVER} point elsewhere), its console kept for the test to read.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A started browser with these preferences (downloads, …); the caller quits it. */
    public static ChromeDriver start(Map<String, Object> preferences) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHROME_BIN", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,2200");
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("CHROMEDRIVER", "/usr/bin/chromedriver"))).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    private static String executable(String environment, String fallback) {
        String configured = System.getenv(environment);
        return configured != null && !configured.isBlank() ? configured : fallback;
    }
}
