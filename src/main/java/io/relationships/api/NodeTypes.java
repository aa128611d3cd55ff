package io.relationships.api;

import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import io.relationships.catalog.GroupType;
import io.relationships.graph.GraphReads.GroupRow;
import io.relationships.graph.GraphReads.StockRow;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * Which GraphQL type a row is, for fields typed by the {@code Group} and {@code Node} interfaces: every group (ETFs
 * included) is one Java record, {@link GroupRow}, so its class cannot say (Spring's default resolver goes by class
 * name); its type can.
 */
@Component
class NodeTypes implements RuntimeWiringConfigurer {

    private static final TypeResolver BY_ROW = environment ->
            environment.getSchema().getObjectType(typeName(environment.getObject()));

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.type("Group", type -> type.typeResolver(BY_ROW));
        wiring.type("Node", type -> type.typeResolver(BY_ROW));
    }

    /** The GraphQL type of a row: {@code Stock}, {@code Etf}, {@code Sector}, {@code Industry}, {@code Theme} or {@code Universe}. */
    static String typeName(Object row) {
        if (row instanceof StockRow) {
            return "Stock";
        }
        return ofType(((GroupRow) row).type());
    }

    static String ofType(GroupType type) {
        return switch (type) {
            case ETF -> "Etf";
            case SECTOR -> "Sector";
            case INDUSTRY -> "Industry";
            case THEME -> "Theme";
            case UNIVERSE -> "Universe";
        };
    }
}
