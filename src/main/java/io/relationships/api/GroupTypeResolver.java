package io.relationships.api;

import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import io.relationships.graph.GraphReads.GroupRow;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * Which GraphQL type a group is, for fields typed by the {@code Group} interface: every group is one Java record,
 * {@link GroupRow}, so its class cannot say (Spring's default resolver goes by class name); its type can.
 */
@Component
class GroupTypeResolver implements RuntimeWiringConfigurer {

    private static final TypeResolver BY_GROUP_TYPE = environment ->
            environment.getSchema().getObjectType(typeName((GroupRow) environment.getObject()));

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.type("Group", type -> type.typeResolver(BY_GROUP_TYPE));
    }

    static String typeName(GroupRow group) {
        return switch (group.type()) {
            case SECTOR -> "Sector";
            case INDUSTRY -> "Industry";
            case THEME -> "Theme";
            case UNIVERSE -> "Universe";
            case ETF -> throw new IllegalArgumentException("an ETF is not a Group: its fields are an Etf's");
        };
    }
}
