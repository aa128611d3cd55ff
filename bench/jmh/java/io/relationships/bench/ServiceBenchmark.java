package io.relationships.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.relationships.RelationshipServiceApplication;
import io.relationships.cache.RelationshipCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;

/**
 * The cache and in-process GraphQL execution of the whole service, on its embedded engines with the sample data:
 * a cache hit, a batch of 20 hits, a miss (a real Neo4j read), and the standard query with its parsed document cached
 * against the same query parsed and validated every time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServiceBenchmark {

    static final String STOCK_ETFS = "{ stock(symbol:\"AAPL\") { sector { name } etfs { edges { node { weight etf { symbol } } } } } }";
    static final List<String> TWENTY = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "JPM", "XOM", "JNJ", "PG",
            "V", "UNH", "HD", "KO", "CVX", "ABBV", "MRK", "PEP", "AVGO", "COST");

    private ConfigurableApplicationContext context;
    private RelationshipCache cache;
    private ExecutionGraphQlService graphQl;
    private final AtomicLong counter = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        context = new SpringApplicationBuilder(RelationshipServiceApplication.class).properties(Map.of(
                "server.port", "0",
                "relationships.embedded.data-dir", "target/jmh-engines",
                "relationships.embedded.ephemeral", "true",
                "relationships.security.print-dev-key", "false",
                "logging.level.root", "WARN")).run();
        cache = context.getBean(RelationshipCache.class);
        graphQl = context.getBean(ExecutionGraphQlService.class);
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Object> data = execute("{ stats { etfs themes } graphSync { lagChanges } }").getData();
            @SuppressWarnings("unchecked") Map<String, Object> stats = (Map<String, Object>) data.get("stats");
            @SuppressWarnings("unchecked") Map<String, Object> sync = (Map<String, Object>) data.get("graphSync");
            if (((Number) stats.get("etfs")).intValue() == 13 && ((Number) stats.get("themes")).intValue() > 0
                    && ((Number) sync.get("lagChanges")).longValue() == 0) {
                break;
            }
            Thread.sleep(200);
        }
        cache.evictAll();
        cache.warm();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    ExecutionGraphQlResponse execute(String document) {
        return graphQl.execute(new DefaultExecutionGraphQlRequest(document, null, null, null, UUID.randomUUID().toString(), null)).block();
    }

    @Benchmark
    public Object cacheHit() {
        return cache.getStockEtfs("AAPL");
    }

    @Benchmark
    public Object cacheBatchHitOf20() {
        return cache.getStocks(TWENTY);
    }

    @Benchmark
    public Object cacheMissReadsNeo4j() {
        cache.evict(List.of(), List.of("AAPL"));
        return cache.getStock("AAPL");
    }

    @Benchmark
    public Object graphQlDocumentCached() {
        return execute(STOCK_ETFS).getData();
    }

    @Benchmark
    public Object graphQlParsedAndValidatedEachTime() {
        // a comment makes each document new to the parsed-document cache
        return execute(STOCK_ETFS + " # " + counter.incrementAndGet()).getData();
    }
}
