/**
 * Data-quality metrics, reports, scheduled checks, alerts and history.
 */
@ApplicationModule(allowedDependencies = {"catalog", "graph", "cache", "load", "support"})
package io.relationships.quality;

import org.springframework.modulith.ApplicationModule;
