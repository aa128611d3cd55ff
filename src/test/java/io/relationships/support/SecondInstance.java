package io.relationships.support;

import java.util.ArrayList;
import java.util.List;

import io.relationships.RelationshipServiceApplication;
import io.relationships.embedded.EmbeddedEngines;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of the service in this JVM, in external mode on the test context's embedded engines (as a second
 * instance behind a load balancer would be on shared servers): its own port, caches and listeners.
 */
public final class SecondInstance {

    private SecondInstance() {
    }

    /** Starts it; {@code extra} arguments win over the defaults here. Close the context to stop it. */
    public static ConfigurableApplicationContext start(EmbeddedEngines engines, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--relationships.embedded.enabled=false",
                "--spring.datasource.url=" + engines.postgres().jdbcUrl(),
                "--spring.datasource.username=" + engines.postgres().username(),
                "--spring.datasource.password=" + engines.postgres().password(),
                "--spring.neo4j.uri=" + engines.neo4j().boltUri(),
                "--spring.neo4j.authentication.username=" + engines.neo4j().username(),
                "--spring.neo4j.authentication.password=" + engines.neo4j().password(),
                "--server.port=0",
                "--relationships.load.seed-on-empty=false",
                "--relationships.cache.warm-on-start=false"));
        arguments.addAll(List.of(extra));
        // command-line arguments: they win over application.yml, which turns the embedded engines on
        return new SpringApplicationBuilder(RelationshipServiceApplication.class).profiles("test").run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
