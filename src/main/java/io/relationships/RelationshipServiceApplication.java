package io.relationships;

import java.util.Arrays;

import io.relationships.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

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
        SpringApplication.run(RelationshipServiceApplication.class, args);
    }
}
