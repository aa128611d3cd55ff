package io.relationships.support;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The service's own timers (the quality validation, inbox loads) run on Boot's task scheduler, and decide what is due
 * by one {@link Clock}: the system's, in its time zone (where a cron's hours are read), unless a test brings its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
