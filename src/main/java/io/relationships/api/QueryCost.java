package io.relationships.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.relationships.catalog.GroupSizes;
import io.relationships.catalog.GroupType;

/**
 * What a document would cost to answer, estimated before it runs: each field costs 1 plus its selection times the
 * number of items it can return. That number is the page asked for, but never more than the catalog holds: the
 * holdings of an ETF are at most the largest ETF's, {@code etfs} at most the number of ETFs ({@link #BOUNDS}), so
 * {@code etfs(first: 100) { holdings(first: 1000) }} on a catalog of 13 ETFs of at most 500 holdings costs what it
 * will really fetch. The page is {@code first} or, paging backwards, {@code last}; a connection without either counts the default page size, a list the symbols passed, any
 * other list {@code listFactor}; list arguments add {@code listFactor} per element. The arithmetic saturates at
 * {@link Long#MAX_VALUE}, so no document can wrap a sum round to a small figure.
 */
final class QueryCost {

    /** Which catalog figure bounds the items of a field, by {@code Type.field}. */
    private enum Bound {
        ETFS, LARGEST_ETF, SECTORS, INDUSTRIES, THEMES, UNIVERSES, LARGEST_SECTOR, LARGEST_INDUSTRY, LARGEST_THEME, LARGEST_UNIVERSE, LARGEST_GROUP;

        long of(GroupSizes sizes) {
            return switch (this) {
                case ETFS -> sizes.groups(GroupType.ETF);
                case LARGEST_ETF -> sizes.largest(GroupType.ETF);
                case SECTORS -> sizes.groups(GroupType.SECTOR);
                case INDUSTRIES -> sizes.groups(GroupType.INDUSTRY);
                case THEMES -> sizes.groups(GroupType.THEME);
                case UNIVERSES -> sizes.groups(GroupType.UNIVERSE);
                case LARGEST_SECTOR -> sizes.largest(GroupType.SECTOR);
                case LARGEST_INDUSTRY -> sizes.largest(GroupType.INDUSTRY);
                case LARGEST_THEME -> sizes.largest(GroupType.THEME);
                case LARGEST_UNIVERSE -> sizes.largest(GroupType.UNIVERSE);
                case LARGEST_GROUP -> Math.max(Math.max(sizes.largest(GroupType.SECTOR), sizes.largest(GroupType.INDUSTRY)),
                        Math.max(sizes.largest(GroupType.THEME), sizes.largest(GroupType.UNIVERSE)));
            };
        }
    }

    private static final Map<String, Bound> BOUNDS = Map.ofEntries(
            Map.entry("Query.etfs", Bound.ETFS),
            Map.entry("Query.sectors", Bound.SECTORS),
            Map.entry("Query.industries", Bound.INDUSTRIES),
            Map.entry("Query.themes", Bound.THEMES),
            Map.entry("Query.universes", Bound.UNIVERSES),
            Map.entry("Etf.holdings", Bound.LARGEST_ETF),
            Map.entry("EtfOverlap.common", Bound.LARGEST_ETF),
            Map.entry("Exposure.etfs", Bound.ETFS),
            // a stock is held by at most every ETF, listed in at most every theme and universe
            Map.entry("Stock.etfs", Bound.ETFS),
            Map.entry("Stock.themes", Bound.THEMES),
            Map.entry("Stock.universes", Bound.UNIVERSES),
            Map.entry("Sector.stocks", Bound.LARGEST_SECTOR),
            Map.entry("Industry.stocks", Bound.LARGEST_INDUSTRY),
            Map.entry("Theme.stocks", Bound.LARGEST_THEME),
            Map.entry("Universe.stocks", Bound.LARGEST_UNIVERSE),
            Map.entry("Group.stocks", Bound.LARGEST_GROUP));

    private final int listFactor;
    private final int defaultPageSize;
    private final int maxPageSize;
    private final Supplier<GroupSizes> sizes;

    QueryCost(int listFactor, int defaultPageSize, int maxPageSize, Supplier<GroupSizes> sizes) {
        this.listFactor = listFactor;
        this.defaultPageSize = defaultPageSize;
        this.maxPageSize = maxPageSize;
        this.sizes = sizes;
    }

    /** The estimated cost of the operation that will run. */
    long of(ExecutionContext context) {
        GroupSizes catalog = sizes.get();
        Map<QueryVisitorFieldEnvironment, Long> selections = new HashMap<>();
        traverser(context).visitPostOrder(new QueryVisitorStub() {
            @Override
            public void visitField(QueryVisitorFieldEnvironment env) {
                long cost = cost(env, selections.getOrDefault(env, 0L), catalog);
                selections.merge(env.getParentEnvironment(), cost, QueryCost::plus);
            }
        });
        return selections.getOrDefault(null, 0L);
    }

    /** The fields of the operation that will run, with the variables it runs with: what the limits walk. */
    static QueryTraverser traverser(ExecutionContext context) {
        return QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getOperationDefinition().getName())
                .coercedVariables(context.getCoercedVariables())
                .build();
    }

    private long cost(QueryVisitorFieldEnvironment env, long selection, GroupSizes catalog) {
        if (env.getField().getName().startsWith("__")) {
            return 0;
        }
        Map<String, Object> arguments = env.getArguments();
        GraphQLOutputType type = (GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType());
        long bound = bound(env.getFieldsContainer(), env.getFieldDefinition().getName(), catalog);
        long items;
        Object page = arguments.get("first") != null ? arguments.get("first") : arguments.get("last");
        if (page instanceof Number size) {
            // a page larger than the maximum is refused by the resolver, with the limit in the message
            items = Math.min(Math.max(1, size.longValue()), Math.min(maxPageSize, bound));
        } else if (isConnection(type)) {
            items = Math.min(defaultPageSize, bound);
        } else if (arguments.get("symbols") instanceof List<?> symbols) {
            items = Math.max(1, symbols.size());
        } else if (type instanceof GraphQLList && !isConnection(GraphQLTypeUtil.unwrapNonNull(env.getParentType()))) {
            items = Math.min(listFactor, bound); // a connection's edges are counted by its first
        } else {
            items = 1;
        }
        return plus(plus(1, times(Math.max(1, items), selection)), times(listElements(arguments), listFactor));
    }

    /** The most items the catalog can give the field ({@link Long#MAX_VALUE} when it does not say, or is not read yet). */
    private static long bound(GraphQLFieldsContainer container, String field, GroupSizes catalog) {
        Bound bound = BOUNDS.get(container.getName() + "." + field);
        return bound == null || catalog == null ? Long.MAX_VALUE : bound.of(catalog);
    }

    /** Values passed as lists are work whatever the selection asks (a basket of 50,000 symbols). */
    private static long listElements(Map<String, Object> arguments) {
        long elements = 0;
        for (Object value : arguments.values()) {
            if (value instanceof List<?> list) {
                elements += list.size();
            }
        }
        return elements;
    }

    /** A connection type by name; callers unwrap non-null first ({@code HoldingConnection!} is a connection too). */
    private static boolean isConnection(GraphQLType type) {
        return type instanceof GraphQLNamedType named && named.getName().endsWith("Connection");
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}
