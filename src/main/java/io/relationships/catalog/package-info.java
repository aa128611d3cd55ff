/**
 * PostgreSQL's catalog tables (groups, memberships, securities, load runs, change log); the only writer of them. Depends on nothing of ours.
 */
@ApplicationModule(allowedDependencies = {"support"})
package io.relationships.catalog;

import org.springframework.modulith.ApplicationModule;
