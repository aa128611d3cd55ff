/**
 * The Neo4j projection of the catalog: schema migrations, sync, drift check. The only writer of Neo4j.
 */
@ApplicationModule(allowedDependencies = {"catalog", "support"})
package io.relationships.graph;

import org.springframework.modulith.ApplicationModule;
