package io.relationships.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
    private final QueryCost cost;

    /** With the catalog's sizes where the application has them (a slice of the API for tests has none). */
    @Autowired
    GraphQlLimits(ApiProperties properties, ObjectProvider<CatalogSizes> sizes) {
        this(properties.limits(), new QueryCost(properties.limits().listFactor(), properties.defaultPageSize(), properties.maxPageSize(),
                sizes.getIfAvailable(() -> null) == null ? () -> null : sizes.getObject()::current));
    }

    /** Limits that count pages as asked, without the catalog's sizes. */
    GraphQlLimits(ApiProperties.Limits limits, int defaultPageSize, int maxPageSize) {
        this(limits, new QueryCost(limits.listFactor(), defaultPageSize, maxPageSize, () -> null));
    }

    private GraphQlLimits(ApiProperties.Limits limits, QueryCost cost) {
        this.limits = limits;
        this.cost = cost;
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
        long estimate = cost.of(context);
        if (estimate > limits.maxComplexity()) {
            throw tooComplex("the operation's complexity (its estimated cost) is " + figure(estimate) + "; at most " + figure(limits.maxComplexity())
                    + " is allowed (each field costs 1; a connection or list costs its selection times the items it can return: `first`, "
                    + "or the catalog's largest group of that kind where smaller; a list argument " + limits.listFactor()
                    + " per element): ask for smaller pages, fewer nested lists or shorter lists");
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
        QueryCost.traverser(context).visitPreOrder(new QueryVisitorStub() {
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

    /** 1234567 → "1,234,567"; past any sensible figure, "more than 9,223,372,036,854,775,806". */
    private static String figure(long value) {
        return value == Long.MAX_VALUE ? String.format(Locale.ROOT, "more than %,d", Long.MAX_VALUE - 1) : String.format(Locale.ROOT, "%,d", value);
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
