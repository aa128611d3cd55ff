package io.relationships.api;

import java.time.Duration;

import io.relationships.cache.CacheProperties;
import io.relationships.cache.InstanceVisibility;
import io.relationships.cache.RelationshipCache;
import io.relationships.catalog.CatalogQueries;
import io.relationships.graph.GraphSync;
import io.relationships.graph.GraphSyncStatus;
import io.relationships.support.JvmMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Ready means answerable. Start-up (after the sample data is seeded) waits until the graph reflects the catalog as
 * it is now, warms the cache and runs representative queries through the GraphQL engine and the HTTP path; only
 * then does the instance answer reads (until then they get UNAVAILABLE, see {@link ReadGate}), report
 * {@code answerable} UP in {@code /actuator/health/readiness}, join the instances that make changes visible and
 * print the banner. Boot's own readiness state follows, since it turns ACCEPTING_TRAFFIC after the runners.
 * Should the graph not catch up within {@code relationships.api.startup.answerable-timeout} (Neo4j out of reach),
 * the application starts anyway and keeps waiting in the background.
 */
@Component("answerable")
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after the sample data seeder
class Answerability implements ApplicationRunner, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(Answerability.class);

    private final CatalogQueries catalog;
    private final GraphSync sync;
    private final RelationshipCache cache;
    private final CacheProperties cacheProperties;
    private final InstanceVisibility visibility;
    private final GraphQlWarmUp warmUp;
    private final ApiProperties properties;
    private final ApplicationContext context;
    private final JvmMemory memory;
    private volatile boolean answerable;
    private volatile String waitingFor = "start-up";

    Answerability(CatalogQueries catalog, GraphSync sync, RelationshipCache cache, CacheProperties cacheProperties,
                  InstanceVisibility visibility, GraphQlWarmUp warmUp, ApiProperties properties, ApplicationContext context,
                  JvmMemory memory) {
        this.memory = memory;
        this.catalog = catalog;
        this.sync = sync;
        this.cache = cache;
        this.cacheProperties = cacheProperties;
        this.visibility = visibility;
        this.warmUp = warmUp;
        this.properties = properties;
        this.context = context;
    }

    /** Whether reads get complete, warm answers on this instance. */
    boolean answerable() {
        return answerable;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        Duration timeout = properties.startup().answerableTimeout();
        if (!becomeAnswerable(System.nanoTime() + timeout.toNanos())) {
            log.warn("The graph has not caught up with the catalog in {} s ({}); starting anyway: reads answer UNAVAILABLE "
                    + "until it has", timeout.toSeconds(), waitingFor);
            Thread background = new Thread(() -> {
                try {
                    becomeAnswerable(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "answerable-wait");
            background.setDaemon(true);
            background.start();
        }
    }

    private boolean becomeAnswerable(long deadline) throws InterruptedException {
        long started = System.nanoTime();
        long target = catalog.lastEventId();
        while (!caughtUp(target)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        long upTo = sync.syncedUpTo();
        long graphAt = System.nanoTime();
        int entries = 0;
        if (cacheProperties.warmOnStart()) {
            waitingFor = "warming the cache";
            entries = cache.warm();
        }
        long cacheAt = System.nanoTime();
        waitingFor = "warming the GraphQL engine";
        int queries = warmUp.run();
        answerable = true;
        waitingFor = null;
        visibility.join(upTo);
        log.info("Answerable in {} ms: graph caught up with the catalog in {} ms, {} cache entries warmed in {} ms, {} warm-up queries in {} ms",
                millis(started, System.nanoTime()), millis(started, graphAt), entries, millis(graphAt, cacheAt), queries,
                millis(cacheAt, System.nanoTime()));
        banner();
        memory.startupFinished();
        return true;
    }

    private boolean caughtUp(long target) {
        GraphSyncStatus status = sync.status();
        boolean caughtUp = sync.syncedUpTo() >= target && !"REBUILDING".equals(status.phase());
        if (!caughtUp) {
            waitingFor = "the graph reflects the catalog up to change " + sync.syncedUpTo() + " of " + target
                    + (status.lastError() == null ? "" : "; last sync error: " + status.lastError());
        }
        return caughtUp;
    }

    private void banner() {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            int port = web.getWebServer().getPort();
            if (properties.graphiql()) {
                log.info("Relationship service ready: GraphiQL at http://localhost:{}/graphiql, GraphQL at http://localhost:{}/graphql",
                        port, port);
            } else {
                log.info("Relationship service ready: GraphQL at http://localhost:{}/graphql", port);
            }
        }
    }

    @Override
    public Health health() {
        return answerable ? Health.up().build()
                : Health.down().withDetail("waitingFor", waitingFor == null ? "start-up" : waitingFor).build();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
