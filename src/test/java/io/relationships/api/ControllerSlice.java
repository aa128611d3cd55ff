package io.relationships.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @GraphQlTest} of one of our controllers needs beyond the controller: the scalars, the settings,
 * the batch look-ups and the member orders. The services stay out: the test stubs the ones the controller calls.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
@Import({GraphQlConfiguration.class, RelationshipLookups.class, Members.class})
class ControllerSlice {
}
