/**
 * Command-line client of the GraphQL API (HTTP only).
 */
@ApplicationModule(allowedDependencies = {})
package io.relationships.cli;

import org.springframework.modulith.ApplicationModule;
