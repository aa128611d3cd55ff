package io.relationships.api.security;

import io.relationships.api.ContractSchema;
import io.relationships.api.RootFieldPolicies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The role a document needs, from the schema's {@code @auth}: reading (VIEWER) is waived when reads are open, nothing else is. */
class OperationRolesTest {

    final RootFieldPolicies policies = new RootFieldPolicies(ContractSchema.load());
    final OperationRoles open = new OperationRoles(100, true, policies);
    final OperationRoles closed = new OperationRoles(100, false, policies);

    @Test
    void readingNeedsViewerUnlessReadsAreOpen() {
        assertThat(open.needed("{ stock(symbol: \"AAPL\") { symbol } loadRuns { totalCount } }", null)).isNull();
        assertThat(closed.needed("{ stock(symbol: \"AAPL\") { symbol } loadRuns { totalCount } }", null)).isEqualTo(Role.VIEWER);
        assertThat(closed.needed("subscription { loadProgress(runId: 1) { phase } }", null)).isEqualTo(Role.VIEWER);
    }

    @Test
    void rolesAboveViewerAreNeededEvenWhenReadsAreOpen() {
        assertThat(open.needed("{ apiKeys { id } }", null)).isEqualTo(Role.ADMIN);
        assertThat(open.needed("mutation { loadAll { id } }", null)).isEqualTo(Role.OPERATOR);
        assertThat(open.needed("mutation { loadAll { id } rollbackLoad(id: 1) { id } }", null)).isEqualTo(Role.ADMIN);
        assertThat(open.needed("query Q { ...F } fragment F on Query { apiKeys { id } }", null)).isEqualTo(Role.ADMIN);
    }

    @Test
    void aMutationTheSchemaDoesNotKnowNeedsAdmin() {
        assertThat(open.needed("mutation { dropEverything }", null)).isEqualTo(Role.ADMIN);
        assertThat(open.needed("{ noSuchQuery }", null)).isNull();
    }
}
