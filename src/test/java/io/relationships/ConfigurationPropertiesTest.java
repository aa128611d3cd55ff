package io.relationships;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.relationships.api.ApiProperties;
import io.relationships.graph.GraphProperties;
import io.relationships.quality.QualityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings as a user meets them: a value out of range stops start-up with the property's name, every
 * {@code relationships.*} property has metadata with a description (IDEs and the docs show it), and every one the
 * README's configuration table names exists.
 */
class ConfigurationPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ApiProperties.class, GraphProperties.class, QualityProperties.class})
    static class Settings {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void aValueOutOfRangeStopsStartUpNamingTheProperty() {
        context.withPropertyValues("relationships.api.max-page-size=0").run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("relationships.api").hasMessageContaining("maxPageSize"));
        context.withPropertyValues("relationships.graph.batch-size=-5").run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("batchSize"));
        context.withPropertyValues("relationships.quality.unknown-sector-target=1.5").run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("unknownSectorTarget"));
        context.withPropertyValues("relationships.api.limits.timeout=0s").run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("limits.timeout"));
        context.withPropertyValues("relationships.api.max-page-size=200").run(started -> assertThat(started).hasNotFailed()
                .getBean(ApiProperties.class).extracting(ApiProperties::maxPageSize).isEqualTo(200));
    }

    @Test
    void everyPropertyHasMetadataWithADescription() throws IOException {
        Map<String, JsonNode> properties = metadata();
        assertThat(properties).containsKeys("relationships.data-dir", "relationships.api.max-page-size", "relationships.memory.return-unused-heap");
        assertThat(properties.values()).allSatisfy(property -> assertThat(property.path("description").asString(""))
                .as(property.path("name").asString()).isNotBlank());
    }

    @Test
    void theReadmeNamesOnlyPropertiesThatExist() throws IOException {
        Set<String> known = metadata().keySet();
        String readme = Files.readString(Path.of("README.md"));
        Matcher row = Pattern.compile("(?m)^\\| `(relationships\\.[a-z0-9.-]+)").matcher(readme);
        // "relationships.api.limits.*" and "relationships.sectors.sector-funds.*" name a group or a map
        List<String> named = row.results().map(m -> m.group(1).replaceAll("\\.$", "")).toList();
        assertThat(named).hasSizeGreaterThan(30);
        assertThat(named).allSatisfy(name -> assertThat(known.stream().anyMatch(key -> key.equals(name) || key.startsWith(name + ".")))
                .as("README names %s, which is not a property", name).isTrue());
    }

    static Map<String, JsonNode> metadata() throws IOException {
        try (InputStream in = ConfigurationPropertiesTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-boot-configuration-processor's metadata").isNotNull();
            JsonNode root = JsonMapper.builder().build().readTree(in);
            return root.path("properties").valueStream()
                    .filter(p -> p.path("name").asString().startsWith("relationships."))
                    .collect(Collectors.toMap(p -> p.path("name").asString(), p -> p, (a, b) -> a));
        }
    }
}
