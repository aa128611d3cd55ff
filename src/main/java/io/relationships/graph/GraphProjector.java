package io.relationships.graph;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.relationships.catalog.GroupRecord;
import io.relationships.catalog.GroupRef;
import io.relationships.catalog.GroupSnapshot;
import io.relationships.catalog.GroupType;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * The only writer of Neo4j. Projects one group at a time, each in one transaction that replaces the group's
 * node and all its memberships: a reader sees a group either as it was or as it is now, never half-written, and
 * projecting the same snapshot twice gives the same graph.
 */
@Component
class GraphProjector {

    /** The shape of the projection; raise it when the graph model changes and the graph rebuilds itself. */
    static final int PROJECTION_VERSION = 2; // 2: a holding's shares and market value

    private record Statements(String upsert, String detach, String attach, String delete) {
    }

    private final GraphSessions sessions;
    private final int batchSize;
    private final Map<GroupShape, Statements> statements = new EnumMap<>(GroupShape.class);
    private final String removeOrphans = CypherFiles.load("projection/remove-orphans");
    private final String removeAllOrphans = CypherFiles.load("projection/remove-all-orphans");
    private final String readMeta = CypherFiles.load("projection/read-meta");
    private final String writeMeta = CypherFiles.load("projection/write-meta");
    private final String recordProgress = CypherFiles.load("projection/record-progress");
    private final String groupKeys = CypherFiles.load("projection/group-keys");

    GraphProjector(GraphSessions sessions, GraphProperties properties) {
        this.sessions = sessions;
        this.batchSize = properties.batchSize();
        for (GroupShape shape : GroupShape.values()) {
            statements.put(shape, shape == GroupShape.ETF
                    ? new Statements(CypherFiles.load("projection/upsert-etf"), CypherFiles.load("projection/detach-etf-members"),
                            CypherFiles.load("projection/attach-etf-members"), CypherFiles.load("projection/delete-etf"))
                    : new Statements(CypherFiles.load("projection/upsert-group", shape.placeholders()),
                            CypherFiles.load("projection/detach-group-members", shape.placeholders()),
                            CypherFiles.load("projection/attach-group-members", shape.placeholders()),
                            CypherFiles.load("projection/delete-group", shape.placeholders())));
        }
    }

    /**
     * Writes the groups as the snapshots have them and removes the groups named, replacing whatever the graph
     * held for them, in one transaction (small groups share one; the sync keeps each batch to about
     * {@code batchSize} memberships). Returns the symbols whose memberships may have changed (members before and
     * after).
     */
    Set<String> project(List<GroupSnapshot> snapshots, List<GroupRef> removals) {
        try (Session session = sessions.open()) {
            return session.executeWrite(tx -> {
                Set<String> touched = new HashSet<>();
                for (GroupSnapshot snapshot : snapshots) {
                    touched.addAll(write(tx, snapshot));
                }
                for (GroupRef removal : removals) {
                    touched.addAll(delete(tx, removal));
                }
                return touched;
            });
        }
    }

    Set<String> project(GroupSnapshot snapshot) {
        return project(List.of(snapshot), List.of());
    }

    Set<String> remove(GroupRef ref) {
        return project(List.of(), List.of(ref));
    }

    private Set<String> write(TransactionContext tx, GroupSnapshot snapshot) {
        GroupRecord group = snapshot.group();
        GroupShape shape = GroupShape.of(group.type());
        Statements cypher = statements.get(shape);
        List<Map<String, Object>> rows = new ArrayList<>(snapshot.members().size());
        Set<String> current = new HashSet<>();
        for (GroupSnapshot.Member member : snapshot.members()) {
            Map<String, Object> row = new HashMap<>(4);
            row.put("symbol", member.symbol());
            row.put("name", member.name());
            row.put("props", shape.properties(member.weight(), member.metadata()));
            rows.add(row);
            current.add(member.symbol());
        }
        tx.run(cypher.upsert(), groupParameters(group, shape, rows.size())).consume();
        List<String> previous = tx.run(cypher.detach(), Map.of("key", group.key())).single().get("previous").asList(Value::asString);
        for (int from = 0; from < rows.size(); from += batchSize) {
            tx.run(cypher.attach(), Map.of("key", group.key(), "rows", rows.subList(from, Math.min(rows.size(), from + batchSize)))).consume();
        }
        removeOrphans(tx, previous.stream().filter(symbol -> !current.contains(symbol)).toList());
        Set<String> touched = new HashSet<>(current);
        touched.addAll(previous);
        return touched;
    }

    /** The group is gone from the catalog: its node and memberships go too. Returns its former members. */
    private Set<String> delete(TransactionContext tx, GroupRef ref) {
        var result = tx.run(statements.get(GroupShape.of(ref.type())).delete(), Map.of("key", ref.key())).list();
        List<String> previous = result.isEmpty() ? List.of() : result.get(0).get("previous").asList(Value::asString);
        removeOrphans(tx, previous);
        return new HashSet<>(previous);
    }

    private void removeOrphans(TransactionContext tx, List<String> symbols) {
        if (!symbols.isEmpty()) {
            tx.run(removeOrphans, Map.of("symbols", symbols)).consume();
        }
    }

    /** Securities that nothing refers to any more (after a rebuild that removed groups). */
    void removeAllOrphans() {
        try (Session session = sessions.open()) {
            session.executeWriteWithoutResult(tx -> tx.run(removeAllOrphans).consume());
        }
    }

    private static Map<String, Object> groupParameters(GroupRecord group, GroupShape shape, int count) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("key", group.key());
        parameters.put("name", group.name());
        parameters.put("count", count);
        parameters.put("lastUpdated", group.lastUpdated() == null ? null : group.lastUpdated().toString());
        if (shape == GroupShape.ETF) {
            parameters.put("issuer", group.metadataText("issuer"));
            parameters.put("asOf", group.metadataText("asOf"));
        } else {
            parameters.put("description", group.description());
        }
        return parameters;
    }

    /** Every group the graph holds. */
    Set<GroupRef> groupsInGraph() {
        try (Session session = sessions.open()) {
            return new HashSet<>(session.executeRead(tx -> tx.run(groupKeys)
                    .list(r -> new GroupRef(GroupType.valueOf(r.get("type").asString()), r.get("key").asString()))));
        }
    }

    /** What the graph says about itself: the projection version it was built with and the outbox entry it reflects. */
    record GraphMeta(int projectionVersion, long syncedUpTo) {
    }

    /** Empty for a graph never built (or wiped). */
    Optional<GraphMeta> meta() {
        try (Session session = sessions.open()) {
            return session.executeRead(tx -> tx.run(readMeta)
                            .list(r -> new GraphMeta(r.get("projectionVersion").asInt(), r.get("syncedUpTo").asLong())))
                    .stream().findFirst();
        }
    }

    void markRebuilt(long syncedUpTo) {
        try (Session session = sessions.open()) {
            session.executeWriteWithoutResult(tx -> tx.run(writeMeta, Map.of("projectionVersion", PROJECTION_VERSION, "syncedUpTo", syncedUpTo)).consume());
        }
    }

    void recordProgress(long syncedUpTo) {
        try (Session session = sessions.open()) {
            session.executeWriteWithoutResult(tx -> tx.run(recordProgress, Map.of("syncedUpTo", syncedUpTo)).consume());
        }
    }
}
