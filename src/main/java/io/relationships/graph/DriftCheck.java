package io.relationships.graph;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.GroupRef;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Compares PostgreSQL and Neo4j group by group: member count and a checksum of the (symbol, weight) pairs.
 * The checksum is a sum of 64-bit hashes of the pairs, so neither side has to sort; both sides stream their rows,
 * so memory grows with the number of groups, not memberships. A repair re-projects exactly the groups that differ.
 */
@Service
public class DriftCheck {

    private final CatalogQueries catalog;
    private final GraphSessions sessions;
    private final GraphSync sync;
    private final GraphProjector projector;
    private final Map<GroupShape, String> graphMemberships = new HashMap<>();
    private volatile DriftReport last;

    DriftCheck(CatalogQueries catalog, GraphSessions sessions, GraphSync sync, GraphProjector projector) {
        this.catalog = catalog;
        this.projector = projector;
        this.sessions = sessions;
        this.sync = sync;
        for (GroupShape shape : GroupShape.values()) {
            graphMemberships.put(shape, shape == GroupShape.ETF ? CypherFiles.load("projection/drift-etf-members")
                    : CypherFiles.load("projection/drift-group-members", shape.placeholders()));
        }
    }

    /** Per group: how many members and what checksum. */
    private static final class Tally {
        long members;
        long checksum;

        void add(String symbol, Long weightMicros) {
            members++;
            checksum += fnv1a64(symbol + ":" + (weightMicros == null ? "" : weightMicros));
        }

        boolean sameAs(Tally other) {
            return other != null && members == other.members && checksum == other.checksum;
        }
    }

    public DriftReport check() {
        long started = System.nanoTime();
        long syncedUpTo = sync.syncedUpTo();
        List<DriftReport.GroupDrift> differing = new ArrayList<>();
        long groups = 0;
        for (GroupShape shape : GroupShape.values()) {
            Map<String, Tally> postgres = new HashMap<>();
            catalog.groupKeys(shape.type).forEach(key -> postgres.put(key, new Tally()));
            catalog.forEachMembership(shape.type, (key, symbol, weight) -> postgres.computeIfAbsent(key, k -> new Tally()).add(symbol, weight));
            Map<String, Tally> graph = graphTallies(shape);
            groups += postgres.size();
            TreeSet<String> keys = new TreeSet<>(postgres.keySet());
            keys.addAll(graph.keySet());
            for (String key : keys) {
                Tally pg = postgres.get(key);
                Tally neo = graph.get(key);
                if (pg != null && pg.sameAs(neo)) {
                    continue;
                }
                String reason = pg == null ? "only in Neo4j" : neo == null ? "missing in Neo4j"
                        : pg.members != neo.members ? "member counts differ" : "weights or members differ";
                differing.add(new DriftReport.GroupDrift(new GroupRef(shape.type, key), pg == null ? 0 : pg.members,
                        neo == null ? 0 : neo.members, reason));
            }
        }
        // a group changed after the sync's cursor (before or during this comparison) is on its way to the graph:
        // in flight, not drift
        Set<GroupRef> inFlight = catalog.groupsChangedAfter(syncedUpTo);
        if (!inFlight.isEmpty()) {
            differing.removeIf(d -> inFlight.contains(d.group()));
        }
        DriftReport report = new DriftReport(OffsetDateTime.now(ZoneOffset.UTC), groups, differing, (System.nanoTime() - started) / 1_000_000);
        last = report;
        return report;
    }

    /** The last report, if any check ran since start-up. */
    public DriftReport last() {
        return last;
    }

    /**
     * What an operator's {@code checkDrift} does: compares the stores and, when asked to and they differ, repairs.
     * Comparing reads both stores in full, so it is an operator's action even without repair.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public DriftReport check(boolean repair) {
        DriftReport report = check();
        return repair && !report.differing().isEmpty() ? repair(report) : report;
    }

    /** Re-projects the groups a report found different, then checks again. */
    @PreAuthorize("hasRole('OPERATOR')")
    public DriftReport repair(DriftReport report) {
        sync.reproject(report.differing().stream().map(DriftReport.GroupDrift::group).toList());
        return check();
    }

    private Map<String, Tally> graphTallies(GroupShape shape) {
        Map<String, Tally> tallies = new HashMap<>();
        projector.groupsInGraph().stream().filter(g -> g.type() == shape.type).forEach(g -> tallies.put(g.key(), new Tally()));
        try (Session session = sessions.open()) {
            session.executeRead(tx -> {
                Result result = tx.run(graphMemberships.get(shape));
                while (result.hasNext()) {
                    Record row = result.next();
                    Long weight = row.get("weight").isNull() ? null : row.get("weight").asLong();
                    tallies.computeIfAbsent(row.get("key").asString(), k -> new Tally()).add(row.get("symbol").asString(), weight);
                }
                return null;
            });
        }
        return tallies;
    }

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
