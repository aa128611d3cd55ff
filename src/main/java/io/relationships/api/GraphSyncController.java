package io.relationships.api;

import java.util.List;

import io.relationships.graph.GraphSync;
import io.relationships.graph.GraphSyncStatus;
import io.relationships.graph.SyncRun;
import io.relationships.support.Privileged;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** {@code GraphSyncStatus} and {@code GraphSyncRun}: where the Neo4j projection stands, its passes, and asking for one. */
@Controller
class GraphSyncController {

    private final GraphSync sync;

    GraphSyncController(GraphSync sync) {
        this.sync = sync;
    }

    @QueryMapping
    GraphSyncStatus graphSync() {
        return sync.status();
    }

    @QueryMapping
    List<SyncRun> graphSyncRuns(@Argument Integer first) {
        return sync.recentRuns(Arguments.first("first", first, 20, 50));
    }

    @QueryMapping
    SyncRun graphSyncRun(@Argument String id) {
        return sync.run(Arguments.id("id", id)).orElse(null);
    }

    @SchemaMapping(typeName = "GraphSyncStatus")
    boolean degraded(GraphSyncStatus status) {
        return status.degraded();
    }

    @MutationMapping
    SyncRun syncGraph(@Argument Boolean full) {
        return sync.request(Boolean.TRUE.equals(full), Privileged.currentUser());
    }

    @SubscriptionMapping
    Flux<SyncRun> syncProgress(@Argument("runId") String runIdText) {
        long runId = Arguments.id("runId", runIdText);
        sync.run(runId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No graph sync " + runId));
        return sync.follow(runId);
    }
}
