package io.relationships.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access settings ({@code relationships.security.*}).
 *
 * @param openReads        queries without credentials (the default in embedded mode only; production asks for a key)
 * @param bootstrapApiKey  a key with role ADMIN for automation ({@code RELATIONSHIPS_SECURITY_BOOTSTRAP_API_KEY})
 * @param printDevKey      when no key exists at start-up, make an ADMIN key and print it once (embedded mode only)
 * @param adminUser        the admin page's login (HTTP Basic or the form); its password in {@code admin-password}
 * @param users            more logins for the admin page, by name: a role and a password (plain, or encoded as
 *                         {@code {bcrypt}…}); a VIEWER sees the figures and no action buttons
 */
@ConfigurationProperties("relationships.security")
public record SecurityProperties(
        @DefaultValue("false") boolean openReads,
        String bootstrapApiKey,
        @DefaultValue("false") boolean printDevKey,
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        java.util.Map<String, PageUser> users) {

    public SecurityProperties {
        users = users == null ? java.util.Map.of() : java.util.Map.copyOf(users);
    }

    public record PageUser(String password, @DefaultValue("VIEWER") Role role) {
    }
}
