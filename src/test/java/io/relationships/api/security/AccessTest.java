package io.relationships.api.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.relationships.IntegrationTest;
import io.relationships.cache.CacheScope;
import io.relationships.cache.RelationshipCache;
import io.relationships.graph.DriftCheck;
import io.relationships.graph.GraphSync;
import io.relationships.load.LoadMode;
import io.relationships.load.LoadRequest;
import io.relationships.load.LoadService;
import io.relationships.load.RunKind;
import io.relationships.load.Trigger;
import io.relationships.load.Uploads;
import io.relationships.quality.QualityMonitor;
import io.relationships.quality.ReportService;
import io.relationships.support.RestoresSampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what, at the HTTP edge and in the services: roles, their hierarchy, API keys. The ways around these
 * checks that are closed are {@link AccessBypassTest}'s.
 */
@IntegrationTest
@RestoresSampleData
class AccessTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys keys;
    @Autowired
    LoadService loads;
    @Autowired
    GraphSync sync;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DriftCheck drift;
    @Autowired
    RelationshipCache cache;
    @Autowired
    QualityMonitor monitor;
    @Autowired
    ReportService reports;
    @Autowired
    Uploads uploads;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("errors").path(0).path("extensions").path("code").asString();
        }
    }

    Answer graphql(String document, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document))));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

    /** Every mutation, with the least role that may run it. */
    static final Map<String, Role> MUTATIONS = Map.ofEntries(
            Map.entry("mutation { loadEtfHoldings(mode: DRY_RUN) { id } }", Role.OPERATOR),
            Map.entry("mutation { loadUniverses(mode: DRY_RUN) { id } }", Role.OPERATOR),
            Map.entry("mutation { loadThemes(mode: DRY_RUN) { id } }", Role.OPERATOR),
            Map.entry("mutation { enrichSectors(mode: DRY_RUN) { id } }", Role.OPERATOR),
            Map.entry("mutation { loadAll(mode: DRY_RUN) { id } }", Role.OPERATOR),
            Map.entry("mutation { syncGraph { id } }", Role.OPERATOR),
            Map.entry("mutation { checkDrift { integrity } }", Role.OPERATOR),
            Map.entry("mutation { refreshCache { entries } }", Role.OPERATOR),
            Map.entry("mutation { generateReport(save: false) { fileName } }", Role.OPERATOR),
            Map.entry("mutation { validateQuality { status } }", Role.OPERATOR),
            Map.entry("mutation { rollbackLoad(id: 999999) { id } }", Role.ADMIN),
            Map.entry("mutation { createApiKey(name: \"x\", role: VIEWER) { key } }", Role.ADMIN),
            Map.entry("mutation { revokeApiKey(id: 999999) { id } }", Role.ADMIN));

    @Test
    void everyMutationNeedsCredentialsAndTheRightRole() throws Exception {
        String viewer = "Bearer " + keys.create("viewer", Role.VIEWER, "test").key();
        String operator = "Bearer " + keys.create("operator", Role.OPERATOR, "test").key();
        for (var mutation : MUTATIONS.entrySet()) {
            Answer anonymous = graphql(mutation.getKey(), null);
            assertThat(anonymous.status()).as(mutation.getKey()).isEqualTo(401);
            assertThat(anonymous.code()).as(mutation.getKey()).isEqualTo("UNAUTHENTICATED");

            Answer tooSmall = graphql(mutation.getKey(), mutation.getValue() == Role.ADMIN ? operator : viewer);
            assertThat(tooSmall.status()).as(mutation.getKey()).isEqualTo(403);
            assertThat(tooSmall.code()).as(mutation.getKey()).isEqualTo("FORBIDDEN");

            Answer allowed = graphql(mutation.getKey(), mutation.getValue() == Role.ADMIN ? "Bearer " + IntegrationTest.ADMIN_KEY : operator);
            assertThat(allowed.status()).as(mutation.getKey()).isEqualTo(200);
            assertThat(allowed.code()).as(mutation.getKey()).isNotIn("UNAUTHENTICATED", "FORBIDDEN");
            awaitNoLoadRunning();
        }
    }

    void awaitNoLoadRunning() throws InterruptedException {
        for (int i = 0; i < 200 && jdbc.sql("select count(*) from load_runs where status = 'RUNNING'").query(Long.class).single() > 0; i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void readsAreOpenHereButAWrongKeyIsRefusedNotIgnored() throws Exception {
        assertThat(graphql("{ stock(symbol: \"AAPL\") { symbol } }", null).status()).isEqualTo(200);
        Answer wrong = graphql("{ stock(symbol: \"AAPL\") { symbol } }", "Bearer rk_not-a-key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void theServicesCheckToo() {
        // no principal at all: the service refuses, whatever the HTTP edge did
        assertThatThrownBy(() -> CompletableFuture.runAsync(() ->
                loads.start(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "nobody"))).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(AuthenticationCredentialsNotFoundException.class);
        // a viewer: refused by every guarded service method, whoever calls it
        Map<String, Runnable> guarded = new LinkedHashMap<>();
        guarded.put("LoadService.start", () -> loads.start(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "viewer")));
        guarded.put("LoadService.run", () -> loads.run(LoadRequest.of(RunKind.THEMES, LoadMode.DRY_RUN, Trigger.CLI, "viewer")));
        guarded.put("LoadService.rollback", () -> loads.rollback(1, false, Trigger.CLI, "viewer"));
        guarded.put("GraphSync.request", () -> sync.request(false, "viewer"));
        guarded.put("DriftCheck.repair", () -> drift.repair(drift.last()));
        guarded.put("RelationshipCache.refresh", () -> cache.refresh(CacheScope.ALL, false));
        guarded.put("QualityMonitor.snapshot", () -> monitor.snapshot("viewer"));
        guarded.put("ReportService.generate(save)", () -> reports.generate(false, ReportService.Format.JSON, true));
        guarded.put("Uploads.store", () -> uploads.store("XLK.csv", new ByteArrayInputStream("symbol,weight\nAAPL,1\n".getBytes())));
        guarded.put("ApiKeys.create", () -> keys.create("viewer's", Role.ADMIN, "viewer"));
        guarded.forEach((name, call) -> assertThatThrownBy(() -> asViewer(() -> {
            call.run();
            return null;
        })).as(name).hasCauseInstanceOf(AccessDeniedException.class));
        // reading a report without saving it is a read: a viewer may
        assertThat(asViewer(() -> reports.generate(false, ReportService.Format.JSON, false).content()))
                .contains("\"summary\"");
    }

    /** Runs {@code work} on another thread (a fresh security context) as a VIEWER. */
    static <T> T asViewer(Supplier<T> work) {
        var viewer = new UsernamePasswordAuthenticationToken("viewer", null,
                List.of(new SimpleGrantedAuthority(Role.VIEWER.authority())));
        return CompletableFuture.supplyAsync(() -> {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(viewer);
            SecurityContextHolder.setContext(context);
            return work.get();
        }).join();
    }

    @Test
    void keysAreHashedAtRestRevocableAndRecordWhoLoaded() throws Exception {
        ApiKeys.Created created = keys.create("script", Role.OPERATOR, "test");
        String stored = jdbc.sql("select key_hash from api_keys where id = ?").param(created.record().id()).query(String.class).single();
        assertThat(stored).isNotEqualTo(created.key()).hasSize(64).doesNotContain(created.key());
        assertThat(jdbc.sql("select count(*) from api_keys where key_hash = ? or key_prefix = ?").params(created.key(), created.key())
                .query(Long.class).single()).isZero();

        Answer run = graphql("mutation { loadThemes(mode: DRY_RUN) { id triggeredBy } }", "Bearer " + created.key());
        assertThat(run.body().path("data").path("loadThemes").path("triggeredBy").asString()).startsWith("key:script");
        awaitNoLoadRunning();

        keys.revoke(created.record().id());
        assertThat(graphql("mutation { loadThemes(mode: DRY_RUN) { id } }", "Bearer " + created.key()).status()).isEqualTo(401);
    }

    @Test
    void adminsMakeKeysThroughGraphQlAndTheKeyIsShownOnce() throws Exception {
        Answer made = graphql("mutation { createApiKey(name: \"ci\", role: OPERATOR) { key apiKey { id name role prefix } } }",
                "Bearer " + IntegrationTest.ADMIN_KEY);
        String key = made.body().path("data").path("createApiKey").path("key").asString();
        assertThat(key).startsWith("rk_");
        Answer listed = graphql("{ apiKeys { name prefix role } }", "Bearer " + IntegrationTest.ADMIN_KEY);
        assertThat(listed.body().toString()).contains("\"ci\"").doesNotContain(key);
        assertThat(graphql("{ apiKeys { name } }", null).status()).as("listing keys is not a read for everyone").isEqualTo(401);
    }

    @Test
    void restAndActuatorEndpoints() throws Exception {
        assertThat(status("POST", "/admin/cache/refresh", null)).isEqualTo(401);
        assertThat(status("POST", "/admin/cache/refresh", "Bearer " + IntegrationTest.ADMIN_KEY)).isEqualTo(200);
        assertThat(status("GET", "/api/relationships/stats", null)).isEqualTo(200);
        assertThat(status("GET", "/actuator/health", null)).isEqualTo(200);
        assertThat(status("GET", "/actuator/prometheus", null)).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes());
        assertThat(status("GET", "/actuator/prometheus", basic)).isEqualTo(200);
    }

    int status(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ------------------------------------------------------------------------------------------------------------
    // the role hierarchy, the published schema, health details

    /** Keys of each role, made once for this context. */
    static final Map<Role, String> KEYS = new ConcurrentHashMap<>();

    String keyOf(EndpointAccess.Caller caller) {
        if (caller.role == null) {
            return null;
        }
        return caller.role == Role.ADMIN ? IntegrationTest.ADMIN_KEY
                : KEYS.computeIfAbsent(caller.role, role -> keys.create("hierarchy-" + role, role, "test").key());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("io.relationships.api.security.EndpointAccess#everyEndpointAndCaller")
    void everyRoleReachesWhatTheRolesItIncludesMay(EndpointAccess.Endpoint endpoint, EndpointAccess.Caller caller) throws Exception {
        EndpointAccess.check(port, endpoint, caller, keyOf(caller), true);
    }

    @Test
    void theLoginsOfEveryRoleHoldTheRolesTheirRoleIncludes() throws Exception {
        for (String login : List.of("admin:test-admin-password", "operator:operator-password")) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(login.getBytes());
            assertThat(status("GET", "/actuator/prometheus", basic)).as(login).isEqualTo(200);
        }
        String viewer = "Basic " + Base64.getEncoder().encodeToString("viewer:viewer-password".getBytes());
        assertThat(status("GET", "/actuator/prometheus", viewer)).isEqualTo(403);
    }

    @Test
    void theSchemaIsPublishedWhereIntrospectionIsOn() throws Exception {
        HttpResponse<String> schema = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql/schema")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("type Mutation");
        assertThat(graphql("{ __schema { queryType { name } } }", null).body().path("data").path("__schema").path("queryType").path("name")
                .asString()).isEqualTo("Query");
    }

    @Test
    void healthShowsItsDetailsToOperatorsOnly() throws Exception {
        String operator = "Bearer " + keyOf(EndpointAccess.Caller.OPERATOR);
        String viewer = "Bearer " + keyOf(EndpointAccess.Caller.VIEWER);
        for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
            for (String caller : Arrays.asList(null, viewer)) {
                JsonNode health = json.readTree(get(path, caller).body());
                assertThat(health.path("status").asString()).as(path).isNotEmpty();
                assertThat(health.has("components") || health.has("details")).as(path + " → " + health).isFalse();
                assertThat(health.toString()).doesNotContain("diskSpace").doesNotContain("/").doesNotContain("total");
            }
        }
        for (String caller : List.of(operator, "Bearer " + IntegrationTest.ADMIN_KEY)) {
            JsonNode health = json.readTree(get("/actuator/health", caller).body());
            assertThat(health.path("components").path("db").path("status").asString()).as(health.toString()).isEqualTo("UP");
            assertThat(health.path("components").has("diskSpace")).isTrue();
        }
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
