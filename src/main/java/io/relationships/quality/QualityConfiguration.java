package io.relationships.quality;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The scheduled validation needs Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QualityConfiguration {
}
