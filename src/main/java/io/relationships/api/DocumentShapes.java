package io.relationships.api;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;
import org.springframework.stereotype.Component;

/**
 * What a document asks for, known before it runs: its operation types and their root fields (what the access
 * check and the response cache decide on). Parsed once per distinct document.
 */
@Component
public class DocumentShapes {

    /** Operations and root fields of a document; {@code valid} is false when it does not parse (execution will say why). */
    public record Shape(boolean valid, Set<OperationDefinition.Operation> operations, Set<String> rootFields, boolean onlyPlainFields) {
    }

    private final Cache<String, Shape> shapes;

    DocumentShapes(ApiProperties properties) {
        this.shapes = Caffeine.newBuilder().maximumSize(properties.documentCacheSize()).build();
    }

    public Shape of(String document) {
        return shapes.get(document, DocumentShapes::parse);
    }

    private static Shape parse(String text) {
        try {
            Document document = Parser.parse(text);
            Set<OperationDefinition.Operation> operations = EnumSet.noneOf(OperationDefinition.Operation.class);
            Set<String> fields = new LinkedHashSet<>();
            boolean plain = true;
            for (var definition : document.getDefinitions()) {
                if (definition instanceof OperationDefinition operation) {
                    operations.add(operation.getOperation());
                    for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
                        if (selection instanceof Field field) {
                            fields.add(field.getName());
                        } else {
                            plain = false; // a fragment at the root: its fields are not read here
                        }
                    }
                }
            }
            return new Shape(true, operations, fields, plain);
        } catch (RuntimeException invalid) {
            return new Shape(false, Set.of(), Set.of(), false);
        }
    }
}
