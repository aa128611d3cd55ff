package io.relationships.catalog;

/** Who or what started a run. */
public enum Trigger {
    CLI, GRAPHQL, ADMIN, SCHEDULE, STARTUP, REST
}
