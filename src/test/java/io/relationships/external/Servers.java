package io.relationships.external;

import java.nio.file.Path;
import java.util.List;

/**
 * PostgreSQL and Neo4j for the external-mode tests (the production artifact, several instances behind a proxy),
 * from one of two sources: by default the engines started in a process of their own ({@link ExternalEngines});
 * with {@code -Drelationships.servers=containers} (the {@code testcontainers} Maven profile, on machines with a Docker
 * engine) the official {@code postgres:17} and {@code neo4j:5.26-community} images.
 */
public interface Servers extends AutoCloseable {

    /** The arguments that point an instance of the service at these servers. */
    List<String> arguments();

    @Override
    void close() throws Exception;

    static Servers start(Path directory) throws Exception {
        if ("containers".equals(System.getProperty("relationships.servers"))) {
            // compiled only in the testcontainers profile
            return (Servers) Class.forName("io.relationships.external.ContainerServers").getDeclaredConstructor().newInstance();
        }
        return ExternalEngines.start(directory);
    }
}
