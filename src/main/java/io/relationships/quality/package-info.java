/**
 * Data-quality metrics, reports, scheduled checks, alerts and history.
 */
@ApplicationModule(allowedDependencies = {"catalog", "graph", "cache"})
package io.relationships.quality;

import org.springframework.modulith.ApplicationModule;
