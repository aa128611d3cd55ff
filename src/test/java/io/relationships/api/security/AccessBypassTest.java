package io.relationships.api.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.relationships.IntegrationTest;
import io.relationships.support.GraphQlWebSocket;
import io.relationships.support.RestoresSampleData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways around the access check, each closed: an encoded path, a persisted mutation sent by its hash, a mutation
 * over WebSocket or GET, a Basic header that cannot be read, a login or a cross-site request without the session's
 * CSRF token. Who may do what is {@link AccessTest}'s.
 */
@IntegrationTest
@RestoresSampleData
class AccessBypassTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anEncodedPathDoesNotSlipPastTheAccessCheck() throws Exception {
        HttpResponse<String> encoded = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/%67raphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"mutation { refreshCache { entries } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(encoded.statusCode()).as(encoded.body()).isIn(401, 404);
        assertThat(encoded.body()).doesNotContain("\"refreshCache\"");
    }

    @Test
    void aBlankQueryWithTheHashOfAPersistedMutationIsJudgedAsThatMutation() throws Exception {
        String mutation = "mutation { refreshCache { entries } }";
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(mutation.getBytes(StandardCharsets.UTF_8)));
        String extensions = "\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + hash + "\"}}";
        // an admin registers it
        assertThat(raw("{\"query\": \"" + mutation + "\", " + extensions + "}", "Bearer " + IntegrationTest.ADMIN_KEY).statusCode()).isEqualTo(200);
        // nobody may run it by its hash
        HttpResponse<String> anonymous = raw("{\"query\": \"\", " + extensions + "}", null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    }

    HttpResponse<String> raw(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLoginFormCarriesItsCsrfTokenAndWorksWithASessionAlreadyOpen() throws Exception {
        var cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        // a first visit to the admin page opens a session and is sent to the login form
        HttpResponse<String> admin = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/relationships"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(302);
        assertThat(admin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String page = loginPage.body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as(page).isTrue();

        String form = "username=admin&password=test-admin-password";
        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).as("no token, no login").isEqualTo(403);
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location").orElseThrow()).contains("/admin/relationships");
    }

    @Test
    void mutationsAreRefusedOverWebSocket() throws Exception {
        try (GraphQlWebSocket socket = GraphQlWebSocket.open(port, "Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)) {
            String answer = socket.ask("mutation { refreshCache { entries } }");
            assertThat(answer).contains("FORBIDDEN").contains("POST /graphql").doesNotContain("\"entries\"");
        }
    }

    @Test
    void aMutationSentWithGetDoesNotRun() throws Exception {
        String query = URLEncoder.encode("mutation { refreshCache { entries } }", StandardCharsets.UTF_8);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?query=" + query))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).as(get.statusCode() + " " + get.body()).doesNotContain("\"entries\"");
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBasicHeaderThatCannotBeReadIsUnauthenticated() throws Exception {
        for (String header : List.of("Basic !!!not-base64", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()), "Basic ")) {
            for (String path : List.of("/admin/session", "/actuator/prometheus", "/graphql")) {
                HttpResponse<String> answer = get(path, header);
                assertThat(answer.statusCode()).as(header + " on " + path + " → " + answer.body()).isEqualTo(401);
                assertThat(json.readTree(answer.body()).path("errors").path(0).path("extensions").path("code").asString())
                        .as(header + " on " + path).isEqualTo("UNAUTHENTICATED");
            }
        }
    }

    /**
     * A page on another port of the same host may set cookies for this one (cookies know no ports): with the token
     * compared against a cookie, the planted cookie and the same value in a header passed. The token is the session's.
     */
    @Test
    void aCsrfTokenPlantedAsACookieIsRefusedAndTheSessionsOwnIsAccepted() throws Exception {
        var cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String page = loginPage.body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as(page).isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=test-admin-password&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        List<String> sessionCookies = Stream.concat(loginPage.headers().allValues("Set-Cookie").stream(), login.headers().allValues("Set-Cookie").stream())
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(sessionCookies).as("a cross-site request carries no session").isNotEmpty().allMatch(c -> c.contains("SameSite=Lax"));
        String session = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).findFirst().orElseThrow().getValue();
        assertThat(cookies.getCookieStore().getCookies()).as("no token travels in a cookie").noneMatch(c -> c.getName().contains("XSRF"));

        String planted = "planted-by-another-port";
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + planted)
                .header("X-XSRF-TOKEN", planted).header("X-CSRF-TOKEN", planted)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"mutation { refreshCache { entries } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("\"entries\"");

        // the admin page's way: the token of its session, from GET /admin/session
        JsonNode who = json.readTree(browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/session")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> genuine = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header(who.path("csrfHeader").asString(), who.path("csrfToken").asString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"mutation { refreshCache { entries } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
        assertThat(genuine.body()).contains("\"entries\"");
    }
}
