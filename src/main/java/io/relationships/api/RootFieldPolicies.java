package io.relationships.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.language.OperationDefinition.Operation;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.relationships.api.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * What each root field of the schema needs and allows, as the schema states it next to the field: {@code @auth(role:)}
 * (who may ask) and {@code @cacheable} (its answer depends on relationship data only). The access check at the HTTP
 * edge, the response cache and the read gate all ask here, so a new root field is decided once, in the contract,
 * and a root field without {@code @auth} stops the service at start-up rather than being guessed at.
 *
 * <p>Read from the {@link GraphQlSource}'s schema once every singleton exists, not when this bean is made: the
 * servlet filters that use it are made before the web server starts, and the schema needs every controller.
 */
@Component
public class RootFieldPolicies implements SmartInitializingSingleton {

    /** One root field's policy: the least role that may ask for it, and whether its answers may be kept. */
    public record Policy(Role role, boolean cacheable) {
    }

    private static final String AUTH = "auth";
    private static final String CACHEABLE = "cacheable";

    private final ObjectProvider<GraphQlSource> graphQl;
    private volatile Map<Operation, Map<String, Policy>> policies;

    @Autowired
    RootFieldPolicies(ObjectProvider<GraphQlSource> graphQl) {
        this.graphQl = graphQl;
    }

    /** The policies of a schema at hand (tests, tools): read at once, refused at once when one is not stated. */
    public RootFieldPolicies(GraphQLSchema schema) {
        this.graphQl = null;
        this.policies = read(schema);
    }

    @Override
    public void afterSingletonsInstantiated() {
        policies();
    }

    /** The policy of a root field of an operation type; empty for a field the schema does not have. */
    public Optional<Policy> of(Operation operation, String field) {
        return Optional.ofNullable(policies().getOrDefault(operation, Map.of()).get(field));
    }

    /** Whether a query's root field reads relationship data only ({@code @cacheable}); false for unknown fields. */
    public boolean cacheable(String queryField) {
        return of(Operation.QUERY, queryField).map(Policy::cacheable).orElse(false);
    }

    private Map<Operation, Map<String, Policy>> policies() {
        Map<Operation, Map<String, Policy>> read = policies;
        if (read == null) {
            synchronized (this) {
                if (policies == null) {
                    policies = read(graphQl.getObject().schema());
                }
                read = policies;
            }
        }
        return read;
    }

    /** The policies the schema states; refused when a root field states none. */
    static Map<Operation, Map<String, Policy>> read(GraphQLSchema schema) {
        Map<Operation, Map<String, Policy>> policies = new EnumMap<>(Operation.class);
        List<String> unstated = new ArrayList<>();
        read(schema.getQueryType(), Operation.QUERY, policies, unstated);
        read(schema.getMutationType(), Operation.MUTATION, policies, unstated);
        read(schema.getSubscriptionType(), Operation.SUBSCRIPTION, policies, unstated);
        if (!unstated.isEmpty()) {
            throw new IllegalStateException("Root fields without @auth(role:) in the schema: " + String.join(", ", unstated)
                    + ". Every root field says who may ask for it.");
        }
        return policies;
    }

    private static void read(GraphQLObjectType type, Operation operation, Map<Operation, Map<String, Policy>> policies,
                             List<String> unstated) {
        if (type == null) {
            return;
        }
        Map<String, Policy> fields = new LinkedHashMap<>();
        for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
            GraphQLAppliedDirective auth = field.getAppliedDirective(AUTH);
            if (auth == null) {
                unstated.add(type.getName() + "." + field.getName());
                continue;
            }
            Role role = Role.valueOf(String.valueOf((Object) auth.getArgument("role").getValue()));
            fields.put(field.getName(), new Policy(role, field.getAppliedDirective(CACHEABLE) != null));
        }
        policies.put(operation, fields);
    }
}
