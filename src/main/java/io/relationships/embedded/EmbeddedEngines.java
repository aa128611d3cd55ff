package io.relationships.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both embedded engines, started side by side (they take similar time, so start-up costs the slower one, not the
 * sum) and stopped after everything that uses them. Their directory is closed to other users, and holds the
 * {@link EmbeddedCredentials} both log in with.
 */
public final class EmbeddedEngines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEngines.class);

    private final EmbeddedPostgresServer postgres;
    private volatile EmbeddedNeo4jServer neo4j;
    private final Path directory;
    private final EmbeddedCredentials credentials;
    private final boolean deleteOnClose;
    private final String pageCache;

    private EmbeddedEngines(EmbeddedPostgresServer postgres, EmbeddedNeo4jServer neo4j, Path directory, EmbeddedCredentials credentials,
                            boolean deleteOnClose, String pageCache) {
        this.postgres = postgres;
        this.neo4j = neo4j;
        this.directory = directory;
        this.credentials = credentials;
        this.deleteOnClose = deleteOnClose;
        this.pageCache = pageCache;
    }

    public static EmbeddedEngines start(EmbeddedProperties properties) {
        return startAsync(properties).join();
    }

    /**
     * Starts both engines in the background; the future completes when both are ready (or fails with the first
     * failure, having stopped the other). Start-up begins this before Spring creates its beans
     * ({@link EmbeddedEnginesEarlyStart}), so the engines start while the context is being prepared.
     */
    static Starting startAsync(EmbeddedProperties properties) {
        Path directory = properties.ephemeral()
                ? properties.dataDir().resolve("ephemeral-" + UUID.randomUUID())
                : properties.dataDir();
        long started = System.nanoTime();
        EmbeddedCredentials credentials = EmbeddedCredentials.in(directory);
        var postgres = CompletableFuture.supplyAsync(() -> EmbeddedPostgresServer.start(
                directory.resolve("postgres"), properties.database(), properties.postgresPort(), properties.postgresSettings(), credentials));
        var neo4j = CompletableFuture.supplyAsync(() -> EmbeddedNeo4jServer.start(
                directory.resolve("neo4j"), properties.boltPort(), properties.pageCache(), credentials));
        CompletableFuture<EmbeddedEngines> both = CompletableFuture.allOf(postgres, neo4j).handle((ignored, failure) -> {
            if (failure != null) {
                postgres.thenAccept(EmbeddedPostgresServer::close);
                neo4j.thenAccept(EmbeddedNeo4jServer::close);
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            }
            log.info("Embedded PostgreSQL ({}) and Neo4j ({}) ready in {} ms; data in {}",
                    postgres.join().jdbcUrl(), neo4j.join().boltUri(), (System.nanoTime() - started) / 1_000_000,
                    directory.toAbsolutePath());
            return new EmbeddedEngines(postgres.join(), neo4j.join(), directory, credentials, properties.ephemeral(), properties.pageCache());
        });
        return new Starting(both);
    }

    /** Engines on their way up: {@link #join} waits for them; {@link #close} stops them whenever they are up. */
    static final class Starting implements AutoCloseable {

        private final CompletableFuture<EmbeddedEngines> engines;

        private Starting(CompletableFuture<EmbeddedEngines> engines) {
            this.engines = engines;
        }

        EmbeddedEngines join() {
            try {
                return engines.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }

        @Override
        public void close() {
            engines.thenAccept(EmbeddedEngines::close);
        }
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedNeo4jServer neo4j() {
        return neo4j;
    }

    /** Stops Neo4j (an outage, as operators and fault tests know it); PostgreSQL stays up. */
    public synchronized void stopNeo4j() {
        neo4j.close();
    }

    /** Starts Neo4j again on the same port and data, after {@link #stopNeo4j()}. */
    public synchronized void startNeo4j() {
        neo4j = EmbeddedNeo4jServer.start(directory.resolve("neo4j"), neo4j.boltUri().getPort(), pageCache, credentials);
    }

    @Override
    public void close() {
        CompletableFuture.allOf(
                CompletableFuture.runAsync(neo4j::close),
                CompletableFuture.runAsync(postgres::close)).join();
        if (deleteOnClose) {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
