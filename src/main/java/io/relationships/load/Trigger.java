package io.relationships.load;

/** Who or what started a run. */
public enum Trigger {
    CLI, GRAPHQL, ADMIN, SCHEDULE, STARTUP, REST
}
