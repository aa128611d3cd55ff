package io.relationships.api;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the API ({@code relationships.api.*}).
 *
 * @param defaultPageSize   the page of a connection when a client gives neither {@code first} nor {@code last}
 * @param maxPageSize       the largest {@code first} or {@code last} a client may ask for (and the most ids {@code nodes} takes)
 * @param documentCacheSize parsed and validated query documents kept (and persisted queries known)
 * @param responseCache     whole responses of relationship queries, dropped on every data change
 * @param limits            what one request may ask of the service
 * @param maxRequestSize    the largest GraphQL request body accepted (413 past it)
 * @param graphiql          serve the GraphiQL page at {@code /graphiql} (off in the {@code production} profile)
 * @param startup           what happens before the service says it is ready
 * @param cors              which browser apps served from other origins may call the API
 */
@Validated
@ConfigurationProperties("relationships.api")
public record ApiProperties(
        @DefaultValue("50") @Positive int defaultPageSize,
        @DefaultValue("1000") @Positive int maxPageSize,
        @DefaultValue("2000") @Positive int documentCacheSize,
        @DefaultValue ResponseCacheSettings responseCache,
        @DefaultValue @Valid Limits limits,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("true") boolean graphiql,
        @DefaultValue @Valid Startup startup,
        @DefaultValue Cors cors) {

    /**
     * Browser apps on other origins ({@code relationships.api.cors.*}): which origins may read the answers of
     * {@code /graphql} (HTTP and WebSocket), the schema and the REST endpoints. Without credentials: a browser's
     * cookies and remembered HTTP Basic are never honoured cross-origin, so an allowed origin cannot borrow a
     * logged-in operator's session; an app sends its key as {@code Authorization: Bearer}.
     *
     * @param allowedOrigins origin patterns ({@code https://app.example.com}, {@code https://*.example.com},
     *                       {@code http://localhost:*}); unset means {@code http://localhost:*} and
     *                       {@code http://127.0.0.1:*} in embedded (development) mode and none otherwise
     * @param maxAge         how long a browser may reuse the answer to a preflight
     */
    public record Cors(List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {
    }

    /**
     * Ready means answerable: the graph has caught up with the catalog, the cache is warm and the GraphQL engine
     * has run a representative set of queries.
     *
     * @param answerableTimeout how long start-up waits for that before it lets the application start anyway (reads
     *                          keep answering UNAVAILABLE, and readiness stays DOWN, until it is answerable)
     * @param warmUp            how long the GraphQL engine and the HTTP path run representative queries
     */
    public record Startup(@DefaultValue("10m") Duration answerableTimeout,
                          @DefaultValue("1s") @DurationMin(millis = 0) Duration warmUp) {
    }

    /**
     * Whole answers of {@code @cacheable} queries, kept until a change touches what they read.
     *
     * @param enabled keep and serve whole answers
     * @param maxSize bound on the kept answers' memory
     */
    public record ResponseCacheSettings(@DefaultValue("true") boolean enabled,
                                        @DefaultValue("64MB") DataSize maxSize) {
    }

    /**
     * Limits on one GraphQL request, checked before it runs (depth, complexity, aliases, root fields, operations)
     * and while it runs (time, size of the result). Introspection fields ({@code __schema}, {@code __type}) are
     * left to graphql-java's own good-faith introspection check.
     *
     * @param maxDepth          nesting of fields ({@code { stock { etfs { etf { symbol } } } } }} is 4)
     * @param maxComplexity     the estimated cost of the document: each field costs 1, a connection or list multiplies
     *                          the cost of its selection by {@code first} (or the default page size), any other list by
     *                          {@code listFactor}, each never by more than the catalog holds (the largest group of
     *                          that kind, the number of groups of a kind): see {@code QueryCost}
     * @param listFactor        the multiplier assumed for lists that take no {@code first}
     * @param maxAliases        aliased fields in a document (alias bombs)
     * @param maxRootFields     fields at the root of the operation
     * @param maxOperations     operations in one document
     * @param timeout           how long a request may run; checked between fields, so one slow fetch finishes first
     * @param maxResultFields   values in one response; the request stops with an error past it
     */
    public record Limits(@DefaultValue("15") @Positive int maxDepth,
                         @DefaultValue("50000") @Positive int maxComplexity,
                         @DefaultValue("10") @Positive int listFactor,
                         @DefaultValue("50") @PositiveOrZero int maxAliases,
                         @DefaultValue("20") @Positive int maxRootFields,
                         @DefaultValue("10") @Positive int maxOperations,
                         @DefaultValue("15s") @DurationMin(millis = 1) Duration timeout,
                         @DefaultValue("250000") @Positive int maxResultFields) {
    }
}
