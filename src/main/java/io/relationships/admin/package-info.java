/**
 * The admin dashboard page; it talks to the GraphQL API like any other client.
 */
@ApplicationModule(allowedDependencies = {"api"})
package io.relationships.admin;

import org.springframework.modulith.ApplicationModule;
