package io.relationships.embedded;

import java.nio.file.Path;

import io.relationships.RelationshipServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production profile with the embedded engines on by default (the deployment forgot its servers): the service
 * refuses to start, before any engine starts, and says why and what to do. With the flag set it starts; that is
 * {@code ProductionProfileTest}, which runs the production profile on the embedded engines.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedInProductionTest {

    @TempDir
    Path directory;

    @Test
    void theProductionProfileRefusesTheEmbeddedEnginesUnlessAllowed(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(RelationshipServiceApplication.class)
                .profiles("production")
                .run("--relationships.embedded.data-dir=" + directory, "--server.port=0"))
                .rootCause()
                .isInstanceOf(EmbeddedInProductionException.class)
                .hasMessageContaining("for development and tests")
                .hasMessageContaining("spring.datasource.url")
                .hasMessageContaining("spring.neo4j.uri")
                .hasMessageContaining("relationships.embedded.allow-in-production=true");

        assertThat(output).contains("APPLICATION FAILED TO START").contains("relationships.embedded.allow-in-production=true");
        assertThat(directory).as("no engine started").isEmptyDirectory();
    }
}
