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
 * The only writer of Neo4j. Projects a batch of groups in one transaction that makes each group's node and
 * memberships what the catalog says: a reader sees a group either as it was or as it is now, never half-written,
 * and projecting the same snapshot twice gives the same graph. Only the difference is written (see
 * {@link MembershipDiff}), in statements of about {@code batch-size} rows.
 */
@Component
class GraphProjector {

    /** The shape of the projection; raise it when the graph model changes and the graph rebuilds itself. */
    static final int PROJECTION_VERSION = 2; // 2: a holding's shares and market value

    private record Statements(String upsert, String current, String attach, String delete) {
    }

    private final GraphSessions sessions;
    private final int batchSize;
    private final Map<GroupShape, Statements> statements = new EnumMap<>(GroupShape.class);
    private final String renameMembers = CypherFiles.load("projection/rename-members");
    private final String deleteMembers = CypherFiles.load("projection/delete-members");
    private final String updateMembers = CypherFiles.load("projection/update-members");
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
                    ? new Statements(CypherFiles.load("projection/upsert-etf"), CypherFiles.load("projection/current-etf-members"),
                            CypherFiles.load("projection/attach-etf-members"), CypherFiles.load("projection/delete-etf"))
                    : new Statements(CypherFiles.load("projection/upsert-group", shape.placeholders()),
                            CypherFiles.load("projection/current-group-members", shape.placeholders()),
                            CypherFiles.load("projection/attach-group-members", shape.placeholders()),
                            CypherFiles.load("projection/delete-group", shape.placeholders())));
        }
    }

    /**
     * What a projection did to the graph.
     *
     * @param touched every symbol that was or is a member of the groups projected or removed (their answers may have
     *                changed: what an incremental sync evicts)
     * @param groups  the groups whose node or memberships were written or removed
     * @param symbols the members whose memberships or names were written: the answers that did change
     */
    record Written(Set<String> touched, Set<GroupRef> groups, Set<String> symbols) {
    }

    /**
     * Writes the groups as the snapshots have them and removes the groups named, replacing whatever the graph
     * held for them, in one transaction (the sync keeps each batch to about {@code batchSize} memberships).
     */
    Written project(List<GroupSnapshot> snapshots, List<GroupRef> removals) {
        try (Session session = sessions.open()) {
            return session.executeWrite(tx -> {
                Written written = write(tx, snapshots);
                for (GroupRef removal : removals) {
                    List<String> previous = delete(tx, removal);
                    written.touched().addAll(previous);
                    written.symbols().addAll(previous);
                    written.groups().add(removal);
                }
                return written;
            });
        }
    }

    /**
     * What the graph holds for the groups, diffed against their snapshots; then the groups' own nodes written, the
     * memberships deleted, updated and created (merging new members), renamed members renamed, and members left
     * without any membership removed. (Merging the members in a pass of their own and creating the relationships
     * between internal ids measured 25% more CPU for the first sync at 1M memberships: kept out.)
     */
    private Written write(TransactionContext tx, List<GroupSnapshot> snapshots) {
        Written written = new Written(new HashSet<>(), new HashSet<>(), new HashSet<>());
        if (snapshots.isEmpty()) {
            return written;
        }
        Map<GroupShape, List<GroupSnapshot>> byShape = new EnumMap<>(GroupShape.class);
        snapshots.forEach(s -> byShape.computeIfAbsent(GroupShape.of(s.group().type()), shape -> new ArrayList<>()).add(s));
        MembershipDiff diff = new MembershipDiff();
        byShape.forEach((shape, groups) -> {
            Map<String, List<MembershipDiff.Current>> current = current(tx, shape, groups);
            groups.forEach(s -> diff.group(shape, s, current.getOrDefault(s.group().key(), List.of())));
        });
        byShape.forEach((shape, groups) -> groups.forEach(s -> {
            // the upsert says whether the node already had these properties
            if (!tx.run(statements.get(shape).upsert(), groupParameters(s.group(), shape, s.members().size())).single().get("same").asBoolean()) {
                written.groups().add(s.group().ref());
                if (shape == GroupShape.ETF) {
                    written.symbols().add(s.group().key()); // a fund held by another fund is also read as a stock
                }
            }
        }));
        for (List<String> chunk : chunks(diff.deletes())) {
            tx.run(deleteMembers, Map.of("ids", chunk)).consume();
        }
        for (List<Map<String, Object>> chunk : chunks(diff.updates())) {
            tx.run(updateMembers, Map.of("rows", chunk)).consume();
        }
        // a fund held under another name is renamed: its own row (etf:X) changes too
        diff.creates().forEach((group, rows) -> chunks(rows).forEach(chunk -> tx.run(
                        statements.get(GroupShape.of(group.type())).attach(), Map.of("key", group.key(), "rows", chunk))
                .forEachRemaining(r -> written.groups().add(new GroupRef(GroupType.ETF, r.get("fund").asString())))));
        for (List<Map<String, Object>> chunk : chunks(diff.renames())) {
            tx.run(renameMembers, Map.of("nodes", chunk))
                    .forEachRemaining(r -> written.groups().add(new GroupRef(GroupType.ETF, r.get("fund").asString())));
        }
        removeOrphans(tx, diff.released());
        written.touched().addAll(diff.touched());
        written.groups().addAll(diff.changedGroups());
        written.symbols().addAll(diff.changedSymbols());
        return written;
    }

    /** The memberships the graph holds for these groups, by group key. */
    private Map<String, List<MembershipDiff.Current>> current(TransactionContext tx, GroupShape shape, List<GroupSnapshot> groups) {
        Map<String, List<MembershipDiff.Current>> current = new HashMap<>();
        List<String> keys = groups.stream().map(s -> s.group().key()).toList();
        tx.run(statements.get(shape).current(), Map.of("keys", keys)).forEachRemaining(r -> current
                .computeIfAbsent(r.get("key").asString(), k -> new ArrayList<>())
                .add(new MembershipDiff.Current(r.get("rel").asString(), r.get("symbol").asString(),
                        r.get("name").isNull() ? null : r.get("name").asString(), r.get("props").asMap())));
        return current;
    }

    private <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + batchSize)));
        }
        return chunks;
    }

    /** The group is gone from the catalog: its node and memberships go too. Returns its former members. */
    private List<String> delete(TransactionContext tx, GroupRef ref) {
        var result = tx.run(statements.get(GroupShape.of(ref.type())).delete(), Map.of("key", ref.key())).list();
        List<String> previous = result.isEmpty() ? List.of() : result.get(0).get("previous").asList(Value::asString);
        removeOrphans(tx, previous);
        return previous;
    }

    private void removeOrphans(TransactionContext tx, List<String> symbols) {
        if (!symbols.isEmpty()) {
            tx.run(removeOrphans, Map.of("symbols", symbols)).consume();
        }
    }

    /** Removes the securities that nothing refers to any more (after a rebuild that removed groups); returns them. */
    List<String> removeAllOrphans() {
        try (Session session = sessions.open()) {
            return session.executeWrite(tx -> tx.run(removeAllOrphans).list(r -> r.get("symbol").asString()));
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
