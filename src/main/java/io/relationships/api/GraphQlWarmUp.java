package io.relationships.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.relationships.api.security.ApiKeys;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the representative queries of {@code warm-up.graphql} before the service says it is ready: through the
 * GraphQL engine in-process (parse, validate, execute, the resolvers and the cache) and then over HTTP on the
 * loopback interface (Tomcat, the filters, security, JSON), half of {@code relationships.api.startup.warm-up} each.
 * The HTTP requests carry the process's in-memory key, which {@link ReadGate} lets through before readiness.
 */
@Component
class GraphQlWarmUp {

    private static final Logger log = LoggerFactory.getLogger(GraphQlWarmUp.class);
    private static final Pattern OPERATION = Pattern.compile("(?m)^query (\\w+)");

    private final ExecutionGraphQlService graphQl;
    private final RelationshipCache cache;
    private final GraphReads graph;
    private final ApiKeys keys;
    private final ApiProperties properties;
    private final ApplicationContext context;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String document;

    GraphQlWarmUp(ExecutionGraphQlService graphQl, RelationshipCache cache, GraphReads graph, ApiKeys keys, ApiProperties properties,
                  ApplicationContext context) {
        this.graphQl = graphQl;
        this.graph = graph;
        this.cache = cache;
        this.keys = keys;
        this.properties = properties;
        this.context = context;
        try {
            this.document = new ClassPathResource("io/relationships/api/warm-up.graphql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operations of the warm-up document, by name. */
    List<String> operations() {
        List<String> names = new ArrayList<>();
        Matcher matcher = OPERATION.matcher(document);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    String document() {
        return document;
    }

    /**
     * Variables taken from the catalog: a held stock, the two largest ETFs. Empty when the catalog has none. The
     * largest are found by the holdings count on each ETF node: loading every ETF to compare sizes held all 5M
     * holdings at once at the large scale, and a 1 GB heap never got out of full GCs.
     */
    Map<String, Object> variables() {
        List<String> bySize = graph.largestEtfs(2);
        if (bySize.isEmpty()) {
            return Map.of();
        }
        String etf = bySize.get(0);
        String other = bySize.size() > 1 ? bySize.get(1) : etf;
        String symbol = cache.getGroup(GroupType.ETF, etf).flatMap(g -> g.members().stream().findFirst())
                .map(GraphReads.Weighted::symbol).orElse(etf);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("symbol", symbol);
        variables.put("etf", etf);
        variables.put("other", other);
        return variables;
    }

    /** Runs the warm-up; returns how many queries ran. Errors are logged, never thrown: warming is best effort. */
    int run() {
        Map<String, Object> variables = variables();
        if (variables.isEmpty()) {
            return 0;
        }
        List<String> operations = operations();
        int queries = 0;
        long until = System.nanoTime() + properties.startup().warmUp().toNanos() / 2;
        do {
            for (String operation : operations) {
                queries += inProcess(operation, variables);
            }
        } while (System.nanoTime() < until);
        queries += overHttp(operations, variables);
        return queries;
    }

    private int inProcess(String operation, Map<String, Object> variables) {
        try {
            ExecutionGraphQlResponse response = graphQl.execute(new DefaultExecutionGraphQlRequest(document, operation,
                    variables, Map.of(), "warm-up", null)).block(Duration.ofSeconds(30));
            if (response != null && !response.getErrors().isEmpty()) {
                log.warn("Warm-up query {} answered errors: {}", operation, response.getErrors());
            }
        } catch (RuntimeException e) {
            log.warn("Warm-up query {} failed: {}", operation, e.toString());
        }
        return 1;
    }

    private int overHttp(List<String> operations, Map<String, Object> variables) {
        if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null || web.getWebServer().getPort() <= 0) {
            return 0;
        }
        URI uri = URI.create("http://127.0.0.1:" + web.getWebServer().getPort() + "/graphql");
        int queries = 0;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            long until = System.nanoTime() + properties.startup().warmUp().toNanos() / 2;
            do {
                for (String operation : operations) {
                    Map<String, Object> body = Map.of("query", document, "operationName", operation, "variables", variables);
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + keys.internalKey())
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                        log.warn("Warm-up query {} over HTTP answered {}: {}", operation, response.statusCode(),
                                response.body().substring(0, Math.min(300, response.body().length())));
                        return queries;
                    }
                    queries++;
                }
            } while (System.nanoTime() < until);
        } catch (IOException | RuntimeException e) {
            log.warn("Warm-up over HTTP failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return queries;
    }
}
