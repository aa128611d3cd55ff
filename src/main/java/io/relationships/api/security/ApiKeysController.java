package io.relationships.api.security;

import java.util.List;

import io.relationships.api.Arguments;
import io.relationships.support.Privileged;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Making, listing and revoking API keys: ADMIN only, here and at the edge. */
@Controller
class ApiKeysController {

    private final ApiKeys keys;

    ApiKeysController(ApiKeys keys) {
        this.keys = keys;
    }

    @QueryMapping
    @PreAuthorize("hasRole('ADMIN')")
    List<ApiKeys.ApiKey> apiKeys() {
        return keys.list();
    }

    @MutationMapping
    @PreAuthorize("hasRole('ADMIN')")
    ApiKeys.Created createApiKey(@Argument String name, @Argument Role role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a key needs a name of 1 to 100 characters");
        }
        return keys.create(name.strip(), role, Privileged.currentUser());
    }

    @MutationMapping
    @PreAuthorize("hasRole('ADMIN')")
    ApiKeys.ApiKey revokeApiKey(@Argument("id") String value) {
        long id = Arguments.id("id", value);
        keys.revoke(id);
        return keys.get(id).orElseThrow(() -> new IllegalArgumentException("no API key " + id));
    }

    @SchemaMapping(typeName = "CreatedApiKey")
    ApiKeys.ApiKey apiKey(ApiKeys.Created created) {
        return created.record();
    }
}
