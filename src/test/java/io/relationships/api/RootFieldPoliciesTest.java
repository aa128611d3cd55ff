package io.relationships.api;

import java.util.ArrayList;
import java.util.List;

import graphql.language.OperationDefinition.Operation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.relationships.api.RootFieldPolicies.Policy;
import io.relationships.api.security.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the contract states about its root fields ({@code @auth}, {@code @cacheable}), read as the service reads it. */
class RootFieldPoliciesTest {

    final GraphQLSchema schema = ContractSchema.load();

    @Test
    void everyRootFieldSaysWhoMayAskForIt() {
        RootFieldPolicies policies = new RootFieldPolicies(schema); // refuses a schema where one does not
        List<String> unstated = new ArrayList<>();
        rootFields(Operation.QUERY, schema.getQueryType(), policies, unstated);
        rootFields(Operation.MUTATION, schema.getMutationType(), policies, unstated);
        rootFields(Operation.SUBSCRIPTION, schema.getSubscriptionType(), policies, unstated);
        assertThat(unstated).isEmpty();
    }

    private static void rootFields(Operation operation, GraphQLObjectType type, RootFieldPolicies policies, List<String> unstated) {
        for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
            if (policies.of(operation, field.getName()).isEmpty()) {
                unstated.add(type.getName() + "." + field.getName());
            }
        }
    }

    @Test
    void aRootFieldWithoutAuthStopsTheServiceNamingIt() {
        GraphQLSchema unstated = ContractSchema.parse("""
                enum ApiRole { VIEWER OPERATOR ADMIN }
                directive @auth(role: ApiRole!) on FIELD_DEFINITION
                directive @cacheable on FIELD_DEFINITION
                type Query { stated: Int @auth(role: VIEWER) forgotten: Int }
                type Mutation { change: Int }
                """);
        assertThatThrownBy(() -> new RootFieldPolicies(unstated))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Query.forgotten").hasMessageContaining("Mutation.change").hasMessageNotContaining("Query.stated");
    }

    @Test
    void knownFieldsHaveTheirPolicies() {
        RootFieldPolicies policies = new RootFieldPolicies(schema);
        assertThat(policies.of(Operation.QUERY, "stock")).contains(new Policy(Role.VIEWER, true));
        assertThat(policies.of(Operation.QUERY, "lookThrough")).contains(new Policy(Role.VIEWER, true));
        assertThat(policies.of(Operation.QUERY, "loadRuns")).contains(new Policy(Role.VIEWER, false));
        assertThat(policies.of(Operation.QUERY, "cacheStats")).contains(new Policy(Role.VIEWER, false));
        assertThat(policies.of(Operation.QUERY, "apiKeys")).contains(new Policy(Role.ADMIN, false));
        assertThat(policies.of(Operation.MUTATION, "loadAll")).contains(new Policy(Role.OPERATOR, false));
        assertThat(policies.of(Operation.MUTATION, "rollbackLoad")).contains(new Policy(Role.ADMIN, false));
        assertThat(policies.of(Operation.MUTATION, "createApiKey")).contains(new Policy(Role.ADMIN, false));
        assertThat(policies.of(Operation.SUBSCRIPTION, "loadProgress")).contains(new Policy(Role.VIEWER, false));
        assertThat(policies.of(Operation.QUERY, "noSuchField")).isEmpty();
        assertThat(policies.cacheable("stock")).isTrue();
        assertThat(policies.cacheable("graphSync")).isFalse();
    }

    @Test
    void everyChangeNeedsAnOperatorAndOnlyQueriesAreKept() {
        RootFieldPolicies policies = new RootFieldPolicies(schema);
        for (GraphQLFieldDefinition mutation : schema.getMutationType().getFieldDefinitions()) {
            assertThat(policies.of(Operation.MUTATION, mutation.getName()).orElseThrow().role()).as(mutation.getName())
                    .isIn(Role.OPERATOR, Role.ADMIN);
            assertThat(policies.of(Operation.MUTATION, mutation.getName()).orElseThrow().cacheable()).as(mutation.getName()).isFalse();
        }
        for (GraphQLFieldDefinition subscription : schema.getSubscriptionType().getFieldDefinitions()) {
            assertThat(policies.of(Operation.SUBSCRIPTION, subscription.getName()).orElseThrow().cacheable()).as(subscription.getName()).isFalse();
        }
    }
}
