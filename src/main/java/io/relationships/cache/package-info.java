/**
 * The cached resolver layer (Caffeine) in front of the graph.
 */
@ApplicationModule(allowedDependencies = {"graph", "catalog", "support"})
package io.relationships.cache;

import org.springframework.modulith.ApplicationModule;
