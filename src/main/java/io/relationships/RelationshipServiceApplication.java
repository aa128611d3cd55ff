package io.relationships;

import java.util.Arrays;
import java.util.Optional;

import io.relationships.cli.Cli;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * The service; or, as {@code java -jar relationship-service.jar cli …}, its command-line client (which only talks
 * HTTP to a running service, from any machine). {@code build.properties} says what the build carries: the production
 * artifact has no embedded engines and turns embedded mode off by default.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource(value = "classpath:build.properties", ignoreResourceNotFound = true)
public class RelationshipServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("cli")) {
            Cli.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication application = new SpringApplication(RelationshipServiceApplication.class);
        embeddedEnginesEarlyStart().ifPresent(application::addInitializers);
        application.run(args);
    }

    /**
     * Starts the embedded engines while the context is prepared (see {@code EmbeddedEnginesEarlyStart}); by name,
     * since the production artifact is built without the embedded package.
     */
    private static Optional<ApplicationContextInitializer<?>> embeddedEnginesEarlyStart() {
        String name = "io.relationships.embedded.EmbeddedEnginesEarlyStart";
        ClassLoader loader = RelationshipServiceApplication.class.getClassLoader();
        if (!ClassUtils.isPresent(name, loader)) {
            return Optional.empty();
        }
        return Optional.of((ApplicationContextInitializer<?>) BeanUtils.instantiateClass(ClassUtils.resolveClassName(name, loader)));
    }
}
