/**
 * PostgreSQL's catalog tables (groups, memberships, securities, change log and outbox); the only writer of them. Load runs belong to {@code load}. Depends on nothing of ours.
 */
@ApplicationModule(allowedDependencies = {"support"})
package io.relationships.catalog;

import org.springframework.modulith.ApplicationModule;
