package io.relationships;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

/**
 * Embedded mode asked of a build that has no embedded engines (the production artifact): stop with what to do,
 * rather than fail later on a DataSource nobody configured. A bean-factory post-processor, so it stops the start
 * before any bean is made (the web server's filters would otherwise ask for the DataSource first).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "relationships.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnMissingClass("io.relationships.embedded.EmbeddedEngines")
class EmbeddedEnginesMissing implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        throw new IllegalStateException("relationships.embedded.enabled is true, but this build of the service carries no embedded "
                + "engines (it is the production artifact): set relationships.embedded.enabled=false and point spring.datasource.* "
                + "and spring.neo4j.* at PostgreSQL and Neo4j, or run the development build (mvn spring-boot:run)");
    }
}
