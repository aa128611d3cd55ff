/**
 * Embedded PostgreSQL and Neo4j for the default profile: real servers started in-process and reached over
 * JDBC and Bolt, exactly like external ones. Depends on nothing else of ours.
 */
@ApplicationModule(allowedDependencies = {})
package io.relationships.embedded;

import org.springframework.modulith.ApplicationModule;
