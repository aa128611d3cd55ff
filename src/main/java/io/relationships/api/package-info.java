/**
 * The GraphQL API and the REST endpoints for operators' scripts. They translate; the services decide.
 */
@ApplicationModule(allowedDependencies = {"catalog", "load", "sector", "graph", "cache", "quality", "support"})
package io.relationships.api;

import org.springframework.modulith.ApplicationModule;
