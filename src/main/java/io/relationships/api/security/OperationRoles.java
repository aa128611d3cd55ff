package io.relationships.api.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.relationships.api.RootFieldPolicies;

/**
 * Which role a GraphQL document needs, read from the document itself as graphql-java parses it for execution
 * (the same parser options), never from its bytes. What each root field needs is the schema's {@code @auth(role:)}
 * ({@link RootFieldPolicies}); VIEWER means reading, which needs nothing when reads are open. Fields reached through
 * fragments at the root count as root fields; directives are not evaluated, so a skipped field still counts (the
 * check may ask for too much, never for too little). A mutation field the schema does not know needs ADMIN.
 */
final class OperationRoles {

    /** A document that does not parse runs nothing (execution parses it with the same options and says why). */
    private static final Optional<Document> UNPARSABLE = Optional.empty();

    private final Cache<String, Optional<Document>> documents;
    private final RootFieldPolicies policies;
    /** What any request needs: nothing when reads are open, else VIEWER. */
    private final Role reads;

    OperationRoles(int cacheSize, boolean openReads, RootFieldPolicies policies) {
        this.documents = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.policies = policies;
        this.reads = openReads ? null : Role.VIEWER;
    }

    /** The role a request needs when it has no document to judge (GET, the WebSocket handshake, a blank query). */
    Role reads() {
        return reads;
    }

    /**
     * The strongest role the operation that will run needs; null when none. With {@code operationName} naming no
     * operation, or none given for a document of several, every operation is judged (execution will refuse it anyway).
     */
    Role needed(String text, String operationName) {
        Optional<Document> document = documents.get(text, OperationRoles::parse);
        if (document.isEmpty()) {
            return reads;
        }
        List<OperationDefinition> operations = document.get().getDefinitionsOfType(OperationDefinition.class);
        List<OperationDefinition> selected = operations.stream()
                .filter(o -> operationName != null && !operationName.isEmpty() && operationName.equals(o.getName())).toList();
        Role needed = reads;
        for (OperationDefinition operation : selected.isEmpty() ? operations : selected) {
            for (String field : rootFields(operation.getSelectionSet(), document.get(), new HashSet<>())) {
                if (!field.startsWith("__")) {
                    needed = stronger(needed, needed(operation.getOperation(), field));
                }
            }
        }
        return needed;
    }

    /** What one root field needs: its {@code @auth} role, reading being {@link #reads}. */
    private Role needed(OperationDefinition.Operation operation, String field) {
        Optional<Role> stated = policies.of(operation, field).map(RootFieldPolicies.Policy::role);
        if (stated.isEmpty()) {
            // execution will refuse a field the schema does not have; a change is refused here first
            return operation == OperationDefinition.Operation.MUTATION ? Role.ADMIN : reads;
        }
        return stated.get() == Role.VIEWER ? reads : stated.get();
    }

    private static Optional<Document> parse(String text) {
        try {
            return Optional.of(Parser.parse(ParserEnvironment.newParserEnvironment().document(text)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build()));
        } catch (RuntimeException invalid) { // InvalidSyntaxException, or a parser limit
            return UNPARSABLE;
        }
    }

    /** The names of the fields an operation asks for at its root, through fragments (each fragment once). */
    private static List<String> rootFields(SelectionSet selections, Document document, Set<String> fragmentsSeen) {
        List<String> fields = new ArrayList<>();
        if (selections == null) {
            return fields;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                fields.add(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                fields.addAll(rootFields(inline.getSelectionSet(), document, fragmentsSeen));
            } else if (selection instanceof FragmentSpread spread && fragmentsSeen.add(spread.getName())) {
                document.getDefinitionsOfType(FragmentDefinition.class).stream().filter(f -> f.getName().equals(spread.getName()))
                        .forEach(f -> fields.addAll(rootFields(f.getSelectionSet(), document, fragmentsSeen)));
            }
        }
        return fields;
    }

    static Role stronger(Role a, Role b) {
        if (a == null) {
            return b;
        }
        return b == null || a.ordinal() >= b.ordinal() ? a : b;
    }
}
