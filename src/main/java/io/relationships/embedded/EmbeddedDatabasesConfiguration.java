package io.relationships.embedded;

import java.net.URI;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.Environment;

/**
 * Default mode: embedded engines, handed to Boot's own auto-configuration as {@code ConnectionDetails} (the hook
 * Testcontainers' {@code @ServiceConnection} uses), so the DataSource, Flyway, the Neo4j driver and their health
 * indicators are exactly the ones used against external servers, and log in the same way: with a user and password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "relationships.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabasesConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedEngines embeddedEngines(EmbeddedProperties properties, Environment environment,
                                    ObjectProvider<EmbeddedEnginesEarlyStart.Handover> startedEarly) {
        if (environment.matchesProfiles(EmbeddedInProductionException.PROFILE) && !properties.allowInProduction()) {
            throw new EmbeddedInProductionException();
        }
        EmbeddedEnginesEarlyStart.Handover early = startedEarly.getIfAvailable();
        return early != null ? early.take() : EmbeddedEngines.start(properties);
    }

    /**
     * Spring's {@code -Dspring.context.exit=onRefresh} (the training run of a class-data-sharing archive) halts the
     * JVM once the beans exist, without shutdown hooks or closing the context: the embedded PostgreSQL, a process
     * of its own, would outlive it. Every bean exists at this point, so the engines stop here.
     */
    @Bean
    SmartInitializingSingleton embeddedEnginesStopBeforeExitOnRefresh(EmbeddedEngines engines) {
        return () -> {
            if ("onRefresh".equalsIgnoreCase(SpringProperties.getProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME))) {
                engines.close();
            }
        };
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedEngines engines) {
        EmbeddedPostgresServer postgres = engines.postgres();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return postgres.username();
            }

            @Override
            public String getPassword() {
                return postgres.password();
            }

            @Override
            public String getJdbcUrl() {
                return postgres.jdbcUrl();
            }
        };
    }

    @Bean
    Neo4jConnectionDetails embeddedNeo4jConnectionDetails(EmbeddedEngines engines) {
        URI uri = engines.neo4j().boltUri();
        return new Neo4jConnectionDetails() {
            @Override
            public URI getUri() {
                return uri;
            }

            @Override
            public AuthToken getAuthToken() {
                EmbeddedNeo4jServer neo4j = engines.neo4j(); // the one running now: tests stop and start it again
                return AuthTokens.basic(neo4j.username(), neo4j.password());
            }
        };
    }
}
