/**
 * Sector classification from layered sources, with provenance.
 */
@ApplicationModule(allowedDependencies = {"catalog", "load", "load::format", "support"})
package io.relationships.sector;

import org.springframework.modulith.ApplicationModule;
