package io.relationships;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be run here (no Docker engine): Compose itself validates it (Debian's docker-compose,
 * installed by .ci/run, checks a file without an engine), and this checks what would break it silently: the
 * service runs in external mode with every connection setting the application reads, and waits for its stores.
 */
class DeploymentFilesTest {

    @Test
    void composeAcceptsTheFileWithAndWithoutTheScaleProfile() throws Exception {
        assertThat(compose("config", "-q")).as("docker-compose config -q").isEmpty();
        assertThat(compose("--profile", "scale", "config", "--services").lines().toList())
                .containsExactlyInAnyOrder("postgres", "neo4j", "service", "service-a", "service-b", "service-c", "proxy");
    }

    /** Runs docker-compose on the project's file; fails with Compose's own message when it rejects it. */
    static String compose(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("docker-compose is not installed: .ci/run installs it (apt-get install docker-compose)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output.strip();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheServiceInExternalModeAgainstItsOwnStores() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:17");
        assertThat((String) services.get("neo4j").get("image")).startsWith("neo4j:5.26");
        for (String name : List.of("service", "service-a", "service-b", "service-c")) {
            Map<String, Object> environment = (Map<String, Object>) services.get(name).get("environment");
            assertThat(environment.get("RELATIONSHIPS_EMBEDDED_ENABLED")).as(name).isEqualTo("false");
            assertThat((String) environment.get("SPRING_DATASOURCE_URL")).as(name).contains("//postgres:5432/");
            assertThat(environment.get("SPRING_NEO4J_URI")).as(name).as("the routing scheme: a cluster routes reads").isEqualTo("neo4j://neo4j:7687");
            assertThat(environment).as(name).containsKey("SPRING_NEO4J_AUTHENTICATION_PASSWORD");
            Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) services.get(name).get("depends_on");
            assertThat(dependsOn.get("postgres").get("condition")).isEqualTo("service_healthy");
        }
        assertThat(Files.readString(Path.of("deploy/nginx.conf"))).contains("server service-a:8080").contains("server service-b:8080")
                .contains("server service-c:8080");
    }
}
