package io.relationships.api.security;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.relationships.IntegrationTest;
import io.relationships.graph.DriftCheck;
import io.relationships.graph.GraphSync;
import io.relationships.graph.SyncRun;
import io.relationships.quality.ReportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mutation of the schema, found in the schema itself (a new one is covered the day it is added), sent by
 * someone who may not run it: refused at the HTTP edge whatever the body's encoding, and refused by the services
 * when the edge is not on the way. Nothing runs: no load run, no drift check, no report.
 */
@IntegrationTest
class MutationAccessTest {

    /** Arguments that keep a mutation harmless should a check let it through. */
    static final Map<String, String> HARMLESS = Map.of("mode", "DRY_RUN", "save", "false", "full", "false", "repair", "false",
            "warm", "false", "cascade", "false");

    @LocalServerPort
    int port;
    @Autowired
    GraphQlSource graphQl;
    @Autowired
    WebGraphQlHandler engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DriftCheck drift;
    @Autowired
    ApiKeys keys;
    @Autowired
    GraphSync sync;
    @Autowired
    ReportService reports;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    /** Each mutation of the schema as a document asking for it with its required arguments. */
    Map<String, String> mutations() {
        GraphQLObjectType mutation = graphQl.schema().getMutationType();
        Map<String, String> documents = new TreeMap<>();
        for (GraphQLFieldDefinition field : mutation.getFieldDefinitions()) {
            List<String> arguments = new ArrayList<>();
            for (GraphQLArgument argument : field.getArguments()) {
                String value = HARMLESS.containsKey(argument.getName()) ? HARMLESS.get(argument.getName())
                        : argument.getType() instanceof GraphQLNonNull && !argument.hasSetDefaultValue() ? placeholder(argument.getType()) : null;
                if (value != null) {
                    arguments.add(argument.getName() + ": " + value);
                }
            }
            boolean object = GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLObjectType;
            documents.put(field.getName(), "mutation { " + field.getName() + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")")
                    + (object ? " { __typename }" : "") + " }");
        }
        return documents;
    }

    static String placeholder(GraphQLType type) {
        GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
        if (named instanceof GraphQLEnumType enumType) {
            return enumType.getValues().get(0).getName();
        }
        return switch (((GraphQLScalarType) named).getName()) {
            case "ID", "Int", "Long" -> "999999";
            case "Boolean" -> "false";
            default -> "\"x\"";
        };
    }

    @Test
    void theSchemaHasTheMutationsThisTestExpects() {
        assertThat(mutations()).containsKeys("checkDrift", "generateReport", "loadAll", "rollbackLoad", "createApiKey").hasSizeGreaterThan(10);
    }

    @Test
    void noMutationRunsForAnAnonymousCallerOrAViewerOverHttp() throws Exception {
        String viewer = "Bearer " + keys.create("mutation-viewer", Role.VIEWER, "test").key();
        Traces before = traces();
        for (var mutation : mutations().entrySet()) {
            HttpResponse<String> anonymous = post(mutation.getValue(), StandardCharsets.UTF_8, false, null);
            assertThat(anonymous.statusCode()).as(mutation.getKey() + " → " + anonymous.body()).isEqualTo(401);
            assertThat(code(anonymous.body())).as(mutation.getKey()).isEqualTo("UNAUTHENTICATED");
            HttpResponse<String> byViewer = post(mutation.getValue(), StandardCharsets.UTF_8, false, viewer);
            assertThat(byViewer.statusCode()).as(mutation.getKey() + " → " + byViewer.body()).isEqualTo(403);
            assertThat(anonymous.body() + byViewer.body()).doesNotContain("\"data\"");
        }
        assertThat(traces()).isEqualTo(before);
    }

    /** The probe's attack: Jackson reads UTF-16 and UTF-32; the edge check once looked for "mutation" in the raw bytes. */
    @Test
    void aBodyInAnotherUnicodeEncodingIsRefusedWhateverItAsks() throws Exception {
        Traces before = traces();
        List<Charset> encodings = List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                Charset.forName("UTF-32LE"), Charset.forName("UTF-32BE"));
        for (var mutation : mutations().entrySet()) {
            for (Charset encoding : encodings) {
                for (boolean bom : List.of(false, true)) {
                    HttpResponse<String> answer = post(mutation.getValue(), encoding, bom, null);
                    assertThat(answer.statusCode()).as(mutation.getKey() + " in " + encoding + (bom ? " with BOM" : "") + " → " + answer.body())
                            .isEqualTo(415);
                    assertThat(code(answer.body())).isEqualTo("BAD_REQUEST");
                    assertThat(answer.body()).contains("UTF-8").doesNotContain("\"data\"");
                }
            }
        }
        // a charset other than UTF-8 declared for a body that is ASCII all the same: Spring would decode it as declared
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", "mutation { checkDrift { integrity } }"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(415);
        assertThat(traces()).isEqualTo(before);
    }

    /** The services' own checks, with the HTTP edge out of the way: GraphQL's handler called as a WebSocket message would be. */
    @Test
    void theServicesRefuseEveryMutationWithoutTheEdge() {
        Traces before = traces();
        Authentication anonymous = new AnonymousAuthenticationToken("test", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS")));
        Authentication viewer = UsernamePasswordAuthenticationToken.authenticated("viewer", null, List.of(new SimpleGrantedAuthority(Role.VIEWER.authority())));
        for (var mutation : mutations().entrySet()) {
            for (Authentication caller : List.of(anonymous, viewer)) {
                JsonNode answer = json.valueToTree(execute(mutation.getValue(), caller).toMap());
                assertThat(answer.path("data").path(mutation.getKey()).isNull() || answer.path("data").path(mutation.getKey()).isMissingNode())
                        .as(mutation.getKey() + " as " + caller.getName() + " → " + answer).isTrue();
                assertThat(answer.path("errors").path(0).path("extensions").path("code").asString())
                        .as(mutation.getKey() + " as " + caller.getName() + " → " + answer).isIn("UNAUTHENTICATED", "FORBIDDEN");
            }
        }
        assertThat(traces()).isEqualTo(before);
    }

    WebGraphQlResponse execute(String document, Authentication caller) {
        return CompletableFuture.supplyAsync(() -> {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(caller);
            SecurityContextHolder.setContext(context);
            try {
                return engine.handleRequest(new WebGraphQlRequest(URI.create("http://localhost:" + port + "/graphql"), new HttpHeaders(),
                        new LinkedMultiValueMap<>(), new InetSocketAddress("127.0.0.1", 0), Map.of(), Map.of("query", document),
                        "test", Locale.ENGLISH)).block();
            } finally {
                SecurityContextHolder.clearContext();
            }
        }).join();
    }

    HttpResponse<String> post(String document, Charset encoding, boolean bom, String authorization) throws Exception {
        String body = (bom ? "\uFEFF" : "") + json.writeValueAsString(Map.of("query", document));
        ByteBuffer bytes = encoding.encode(body);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String code(String body) {
        return json.readTree(body).path("errors").path(0).path("extensions").path("code").asString();
    }

    /** What a mutation that ran would leave behind. */
    record Traces(long loadRuns, List<Long> syncRuns, Object lastDriftCheck, long apiKeys, String savedReports) {
    }

    Traces traces() {
        String saved = String.join(",", jdbc.sql("select name from saved_reports order by name").query(String.class).list());
        return new Traces(jdbc.sql("select count(*) from load_runs").query(Long.class).single(),
                sync.recentRuns(5).stream().map(SyncRun::id).toList(), drift.last() == null ? null : drift.last().checkedAt(),
                jdbc.sql("select count(*) from api_keys").query(Long.class).single(), saved);
    }
}
