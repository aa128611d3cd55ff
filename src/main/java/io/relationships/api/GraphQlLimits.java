package io.relationships.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.springframework.stereotype.Component;

/**
 * What one GraphQL request may ask of the service ({@link ApiProperties.Limits}). The shape of the document is
 * checked before anything runs, so an alias bomb or a query nested fifty deep costs one traversal of its text; time
 * and size are checked while it runs, and stop it by cancelling the execution, not by failing field after field.
 * Every refusal is one error with {@code extensions.code} {@code QUERY_TOO_COMPLEX}, {@code TIMEOUT} or
 * {@code RESULT_TOO_LARGE} and the figure that was exceeded.
 */
@Component
class GraphQlLimits extends SimplePerformantInstrumentation {

    private final ApiProperties.Limits limits;
    private final int defaultPageSize;
    private final int maxPageSize;

    @org.springframework.beans.factory.annotation.Autowired
    GraphQlLimits(ApiProperties properties) {
        this(properties.limits(), properties.defaultPageSize(), properties.maxPageSize());
    }

    GraphQlLimits(ApiProperties.Limits limits, int defaultPageSize, int maxPageSize) {
        this.limits = limits;
        this.defaultPageSize = defaultPageSize;
        this.maxPageSize = maxPageSize;
    }

    /** Per request: when it must be done by, how many values it produced, and why it was stopped (if it was). */
    static final class Budget implements InstrumentationState {
        final long deadlineNanos;
        final ExecutionInput input;
        final AtomicInteger fields = new AtomicInteger();
        volatile GraphQLError stoppedBecause;

        Budget(Duration timeout, ExecutionInput input) {
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
            this.input = input;
        }
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Budget(limits.timeout(), parameters.getExecutionInput()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // before: the document's shape

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        long operations = context.getDocument().getDefinitions().stream().filter(OperationDefinition.class::isInstance).count();
        if (operations > limits.maxOperations()) {
            throw tooComplex("the document holds " + operations + " operations; at most " + limits.maxOperations() + " are allowed");
        }
        Shape shape = shapeOf(context);
        if (shape.rootFields > limits.maxRootFields()) {
            throw tooComplex("the operation asks for " + shape.rootFields + " root fields; at most " + limits.maxRootFields() + " are allowed");
        }
        if (shape.aliases > limits.maxAliases()) {
            throw tooComplex("the operation uses " + shape.aliases + " aliases; at most " + limits.maxAliases() + " are allowed");
        }
        if (shape.depth > limits.maxDepth()) {
            throw tooComplex("the operation is nested " + shape.depth + " fields deep; at most " + limits.maxDepth() + " are allowed");
        }
        int complexity = QueryComplexityCalculator.newCalculator()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getOperationDefinition().getName())
                .variables(context.getCoercedVariables())
                .fieldComplexityCalculator(this::cost)
                .build().calculate();
        if (complexity > limits.maxComplexity()) {
            throw tooComplex("the operation's complexity is " + (complexity > limits.maxComplexity() ? "over " + limits.maxComplexity() : complexity)
                    + "; at most " + limits.maxComplexity() + " is allowed (a connection costs its selection times `first`, a list argument "
                    + limits.listFactor() + " per element): ask for smaller pages, fewer nested lists or shorter lists");
        }
        return SimpleInstrumentationContext.noOp();
    }

    private static final class Shape {
        int depth;
        int aliases;
        int rootFields;
    }

    private static Shape shapeOf(ExecutionContext context) {
        Shape shape = new Shape();
        QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getOperationDefinition().getName())
                .coercedVariables(context.getCoercedVariables())
                .build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        // aliases and root fields count whatever the field (an alias bomb of __typename is one too)
                        if (env.getField().getAlias() != null) {
                            shape.aliases++;
                        }
                        if (env.getParentEnvironment() == null) {
                            shape.rootFields++;
                        }
                        int depth = 0;
                        for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
                            if (e.getField().getName().startsWith("__")) {
                                return; // introspection's depth: graphql-java's good-faith check owns it
                            }
                            depth++;
                        }
                        shape.depth = Math.max(shape.depth, depth);
                    }
                });
        return shape;
    }

    /**
     * A field costs 1 plus its selection: times {@code first} (or {@code last}) when given, times the default page size for a
     * connection without {@code first}, times the number of symbols asked for, times the list factor for any other list.
     */
    private int cost(FieldComplexityEnvironment env, int childComplexity) {
        if (env.getField().getName().startsWith("__")) {
            return 0;
        }
        Map<String, Object> arguments = env.getArguments();
        GraphQLOutputType type = (GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType());
        int multiplier = 1;
        Object page = arguments.get("first") != null ? arguments.get("first") : arguments.get("last");
        if (page instanceof Number size) {
            // a page larger than the maximum is refused by the resolver, with the limit in the message
            multiplier = Math.max(1, Math.min(size.intValue(), maxPageSize));
        } else if (isConnection(type)) {
            multiplier = defaultPageSize;
        } else if (arguments.get("symbols") instanceof List<?> symbols) {
            multiplier = Math.max(1, symbols.size());
        } else if (type instanceof GraphQLList && !isConnection(env.getParentType())) {
            multiplier = limits.listFactor(); // a connection's edges are counted by its first
        }
        // capped just past the limit: graphql-java adds siblings as ints, and a sum of capped costs cannot wrap round
        long cost = 1L + (long) multiplier * Math.max(0, childComplexity) + listArguments(arguments);
        return (int) Math.min((long) limits.maxComplexity() + 1, cost);
    }

    /**
     * What the values passed as lists cost: each element is work (a basket of 50,000 symbols, a portfolio of 20,000
     * ETFs), whatever the selection asks for.
     */
    private long listArguments(Map<String, Object> arguments) {
        long elements = 0;
        for (Object value : arguments.values()) {
            if (value instanceof List<?> list) {
                elements += list.size();
            }
        }
        return elements * limits.listFactor();
    }

    private static boolean isConnection(GraphQLType type) {
        return type instanceof GraphQLNamedType named && named.getName().endsWith("Connection");
    }

    // ---------------------------------------------------------------------------------------------------------
    // while: time and size

    @Override
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        // a subscription lives as long as what it follows (a load of minutes): its events are not one request's budget
        if (state instanceof Budget budget && budget.stoppedBecause == null
                && parameters.getExecutionContext().getOperationDefinition().getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            if (budget.fields.incrementAndGet() > limits.maxResultFields()) {
                stop(budget, ErrorCode.RESULT_TOO_LARGE, "the response would hold more than " + limits.maxResultFields()
                        + " values; ask for smaller pages");
            } else if (System.nanoTime() - budget.deadlineNanos > 0) {
                stop(budget, ErrorCode.TIMEOUT, "the request ran longer than " + limits.timeout().toMillis() + " ms and was stopped");
            }
        }
        return SimpleInstrumentationContext.noOp();
    }

    private static void stop(Budget budget, ErrorCode code, String message) {
        budget.stoppedBecause = GraphqlErrorBuilder.newError().message(message).errorType(code.type)
                .extensions(Map.of("code", code.name())).build();
        budget.input.cancel(); // graphql-java stops at its next field
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        if (state instanceof Budget budget && budget.stoppedBecause != null) {
            // a partial answer to a request that was stopped would mislead: the error alone
            return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult().addError(budget.stoppedBecause).build());
        }
        return CompletableFuture.completedFuture(result);
    }

    private static AbortExecutionException tooComplex(String message) {
        return new Refused(message, ErrorCode.QUERY_TOO_COMPLEX);
    }

    /** A refusal graphql-java reports as the request's only error, with our code. */
    static final class Refused extends AbortExecutionException {
        private final ErrorCode code;

        Refused(String message, ErrorCode code) {
            super(message);
            this.code = code;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", code.name());
        }
    }
}
