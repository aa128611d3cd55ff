/**
 * Small shared infrastructure every capability may use, and which uses none of them: PostgreSQL advisory locks
 * and LISTEN/NOTIFY, jsonb values, pages of tables read by id, and the system principal the service's own work runs as.
 */
@ApplicationModule(allowedDependencies = {})
package io.relationships.support;

import org.springframework.modulith.ApplicationModule;
