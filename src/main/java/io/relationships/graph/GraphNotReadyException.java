package io.relationships.graph;

/** The graph is being built into an empty Neo4j and holds only part of the catalog yet: retry when it is done. */
public class GraphNotReadyException extends RuntimeException {

    public GraphNotReadyException() {
        super("the graph is being built from the catalog and cannot be read until it is complete");
    }
}
