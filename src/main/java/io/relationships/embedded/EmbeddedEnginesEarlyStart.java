package io.relationships.embedded;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Starts the embedded engines as soon as the application's settings are known, before Spring creates its beans:
 * the engines (seconds) and the context (seconds) then start side by side instead of one after the other. The
 * {@code embeddedEngines} bean takes the engines started here; if the context fails before it does, they are
 * stopped with it. The application's {@code main} adds this; tests' contexts start their engines when the bean is
 * created, as before. Nothing starts when embedded mode is off, when the build carries no engines (the production
 * artifact), or in the {@code production} profile (the bean refuses that with its own message).
 */
public final class EmbeddedEnginesEarlyStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN_NAME = "embeddedEnginesStarting";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!ClassUtils.isPresent("org.neo4j.dbms.api.DatabaseManagementService", getClass().getClassLoader())
                || environment.matchesProfiles(EmbeddedInProductionException.PROFILE)) {
            return;
        }
        EmbeddedProperties properties = Binder.get(environment).bindOrCreate("relationships.embedded", EmbeddedProperties.class);
        if (!properties.enabled()) {
            return;
        }
        EmbeddedEngines.Starting starting = EmbeddedEngines.startAsync(properties);
        context.getBeanFactory().registerSingleton(BEAN_NAME, new Handover(starting));
    }

    /** The engines until the bean takes them; stops them on close if it never did. */
    static final class Handover implements DisposableBean {

        private final EmbeddedEngines.Starting starting;
        private volatile boolean taken;

        Handover(EmbeddedEngines.Starting starting) {
            this.starting = starting;
        }

        EmbeddedEngines take() {
            taken = true;
            return starting.join();
        }

        @Override
        public void destroy() {
            if (!taken) {
                starting.close();
            }
        }
    }
}
