/**
 * The admin dashboard at {@code /admin/relationships}: a page served from the jar that talks to the GraphQL API
 * like any other client. Its only endpoints of its own are who is logged in (with the CSRF token the page sends
 * back) and file uploads, which GraphQL over HTTP does not carry.
 */
@ApplicationModule(allowedDependencies = {"load", "support"})
package io.relationships.admin;

import org.springframework.modulith.ApplicationModule;
