/**
 * Loading issuer and index files into the catalog: a reader per format, validation gates, the diff against the
 * catalog, full, incremental and dry-run modes, history and rollback.
 */
@ApplicationModule(allowedDependencies = {"catalog", "support"})
package io.relationships.load;

import org.springframework.modulith.ApplicationModule;
