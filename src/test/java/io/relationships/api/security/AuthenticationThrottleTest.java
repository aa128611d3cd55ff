package io.relationships.api.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.relationships.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing passwords or keys is slowed down: after five failures in a row from an address, or for an account,
 * attempts are refused unchecked (429, {@code Retry-After}) for a time that doubles. Each test speaks from an
 * address of its own in 127.0.0.0/8, so that what it provokes holds back nobody else.
 */
@IntegrationTest
class AuthenticationThrottleTest {

    @LocalServerPort
    int port;

    static final String THROTTLE_LOG = "io.relationships.api.security.AuthenticationThrottle";

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(THROTTLE_LOG)).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(THROTTLE_LOG)).detachAppender(logged);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passwordsGuessedFromOneAddressAreRefusedUncheckedForATimeThatDoubles() throws Exception {
        double before = counted("relationships_auth_failures_total", "basic");
        for (int i = 1; i <= 5; i++) {
            assertThat(get("127.0.0.21", "/admin/session", basic("guess-" + i, "secret-guess-" + i)).status()).isEqualTo(401);
        }
        Answer refused = get("127.0.0.21", "/admin/session", basic("viewer", "viewer-password"));
        assertThat(refused.status()).as("even the right password is not checked now").isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.body()).contains("TOO_MANY_ATTEMPTS");
        assertThat(get("127.0.0.22", "/admin/session", basic("viewer", "viewer-password")).status()).as("another address").isEqualTo(200);

        Thread.sleep(1100);
        assertThat(get("127.0.0.21", "/admin/session", basic("guess-6", "secret-guess-6")).status()).isEqualTo(401);
        assertThat(get("127.0.0.21", "/admin/session", basic("viewer", "viewer-password")).header("Retry-After")).as("doubled").isEqualTo("2");

        assertThat(counted("relationships_auth_failures_total", "basic") - before).isGreaterThanOrEqualTo(6);
        assertThat(counted("relationships_auth_throttled_total", "basic")).isPositive();
        String log = logged.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", (a, b) -> a + "\n" + b);
        assertThat(log).contains("basic").contains("127.0.0.21").contains("'guess-3'").doesNotContain("secret-guess");
    }

    @Test
    void oneAccountGuessedFromManyAddressesIsRefusedUnchecked() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(get("127.0.0.3" + i, "/admin/session", basic("operator", "wrong-" + i)).status()).isEqualTo(401);
        }
        Answer refused = get("127.0.0.36", "/admin/session", basic("OPERATOR", "operator-password"));
        assertThat(refused.status()).as("an account's count knows no case").isEqualTo(429);
        Thread.sleep(1000L * Long.parseLong(refused.header("Retry-After")) + 100);
        assertThat(get("127.0.0.37", "/admin/session", basic("operator", "operator-password")).status()).isEqualTo(200);
        // the login reset the account's count: one more failure is one, not six
        assertThat(get("127.0.0.38", "/admin/session", basic("operator", "wrong-again")).status()).isEqualTo(401);
        assertThat(get("127.0.0.39", "/admin/session", basic("operator", "operator-password")).status()).isEqualTo(200);
    }

    @Test
    void wrongApiKeysAreCountedAndHeldBackToo() throws Exception {
        double before = counted("relationships_auth_failures_total", "api_key");
        for (int i = 1; i <= 5; i++) {
            assertThat(get("127.0.0.41", "/admin/session", "Bearer rk_guess-" + i).status()).isEqualTo(401);
        }
        Answer refused = get("127.0.0.41", "/admin/session", "Bearer " + IntegrationTest.ADMIN_KEY);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(counted("relationships_auth_failures_total", "api_key") - before).isGreaterThanOrEqualTo(5);
        String log = logged.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", (a, b) -> a + "\n" + b);
        assertThat(log).contains("api_key").contains("127.0.0.41").doesNotContain("rk_guess");
    }

    @Test
    void wrongPasswordsInTheLoginFormAreCountedAndHeldBackToo() throws Exception {
        String from = "127.0.0.51";
        Answer page = send(from, "GET", "/login", Map.of(), null);
        String session = page.cookie("JSESSIONID");
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        double before = counted("relationships_auth_failures_total", "form");
        Map<String, String> headers = Map.of("Cookie", "JSESSIONID=" + session, "Content-Type", "application/x-www-form-urlencoded");
        for (int i = 1; i <= 5; i++) {
            Answer wrong = send(from, "POST", "/login", headers, "username=form-guess&password=wrong&_csrf="
                    + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
            assertThat(wrong.status()).isEqualTo(302);
            assertThat(wrong.header("Location")).contains("/login?error");
        }
        Answer refused = send(from, "POST", "/login", headers, "username=admin&password=test-admin-password&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(counted("relationships_auth_failures_total", "form") - before).isGreaterThanOrEqualTo(5);
    }

    /** A counter's value in the Prometheus scrape (0 when it was never incremented). */
    double counted(String name, String kind) throws IOException {
        String scrape = send("127.0.0.1", "GET", "/actuator/prometheus", Map.of("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY), null).body();
        return scrape.lines().filter(l -> l.startsWith(name + "{") && l.contains("kind=\"" + kind + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    Answer get(String from, String path, String authorization) throws IOException {
        return send(from, "GET", path, Map.of("Authorization", authorization), null);
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String cookie(String name) {
            Matcher cookie = Pattern.compile(name + "=([^;]+)").matcher(headers.getOrDefault("set-cookie", ""));
            return cookie.find() ? cookie.group(1) : null;
        }
    }

    /** HTTP/1.1 from a chosen loopback address (java.net.http cannot choose one in Java 17). */
    Answer send(String from, String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String raw = all.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(), (a, b) -> a + "; " + b);
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder decoded = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    break;
                }
                decoded.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            body = decoded.toString();
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }
}
