package io.relationships.catalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.relationships.support.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Read access to the catalog for the other capabilities. */
@Service
public class CatalogQueries {

    private final JdbcClient jdbc;
    /** PostgreSQL streams a result (fetch size) only inside a transaction. */
    private final TransactionTemplate readOnly;

    CatalogQueries(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** Checksum of the file each group of {@code type} was last loaded from, to the group's key. */
    public Map<String, String> checksums(GroupType type) {
        Map<String, String> checksums = new HashMap<>();
        jdbc.sql("select key, metadata ->> 'checksum' as checksum from definition_groups where type = ? and metadata ->> 'checksum' is not null")
                .param(type.name())
                .query(rs -> {
                    checksums.put(rs.getString("checksum"), rs.getString("key"));
                });
        return checksums;
    }

    public Optional<GroupRecord> group(GroupType type, String key) {
        return jdbc.sql("""
                        select g.id, g.type, g.key, g.name, g.description, g.source, g.metadata::text as metadata, g.last_updated,
                               (select count(*) from group_memberships m where m.group_id = g.id) as members
                        from definition_groups g where g.type = ? and g.key = ?""")
                .params(type.name(), key)
                .query((rs, n) -> new GroupRecord(rs.getLong("id"), GroupType.valueOf(rs.getString("type")), rs.getString("key"),
                        rs.getString("name"), rs.getString("description"), rs.getString("source"), Json.readMap(rs.getString("metadata")),
                        rs.getObject("last_updated", OffsetDateTime.class), rs.getInt("members")))
                .optional();
    }

    /** Current members of a group, symbol to weight (null where the group has no weights). */
    public Map<String, BigDecimal> members(GroupRef group) {
        Map<String, BigDecimal> members = new TreeMap<>();
        jdbc.sql("""
                        select m.symbol, m.weight from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = ? and g.key = ?""")
                .params(group.type().name(), group.key())
                .query(rs -> {
                    BigDecimal weight = rs.getBigDecimal(2);
                    members.put(rs.getString(1), Weights.normalise(weight));
                });
        return members;
    }

    /** The group with all its members (and their securities' names); empty when the group does not exist. */
    public Optional<GroupSnapshot> snapshot(GroupRef ref) {
        return group(ref.type(), ref.key()).map(group -> new GroupSnapshot(group, jdbc.sql("""
                        select m.symbol, s.name, m.weight, m.metadata::text as metadata
                        from group_memberships m join securities s on s.symbol = m.symbol
                        where m.group_id = ? order by m.symbol""")
                .param(group.id())
                .query((rs, n) -> new GroupSnapshot.Member(rs.getString("symbol"), rs.getString("name"),
                        Weights.normalise(rs.getBigDecimal("weight")), Json.readMap(rs.getString("metadata"))))
                .list()));
    }

    /** Several groups with all their members, in two queries; a group that does not exist is absent from the map. */
    public Map<GroupRef, GroupSnapshot> snapshots(Collection<GroupRef> refs) {
        Map<GroupRef, GroupSnapshot> snapshots = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return snapshots;
        }
        String[] types = refs.stream().map(r -> r.type().name()).toArray(String[]::new);
        String[] keys = refs.stream().map(GroupRef::key).toArray(String[]::new);
        Map<Long, GroupRecord> byId = new LinkedHashMap<>();
        jdbc.sql("""
                        select g.id, g.type, g.key, g.name, g.description, g.source, g.metadata::text as metadata, g.last_updated,
                               (select count(*) from group_memberships m where m.group_id = g.id) as members
                        from definition_groups g join unnest(?::text[], ?::text[]) as wanted(type, key)
                          on g.type = wanted.type and g.key = wanted.key""")
                .params(types, keys)
                .query((rs, n) -> new GroupRecord(rs.getLong("id"), GroupType.valueOf(rs.getString("type")), rs.getString("key"),
                        rs.getString("name"), rs.getString("description"), rs.getString("source"), Json.readMap(rs.getString("metadata")),
                        rs.getObject("last_updated", OffsetDateTime.class), rs.getInt("members")))
                .list().forEach(group -> byId.put(group.id(), group));
        Map<Long, List<GroupSnapshot.Member>> members = new HashMap<>();
        jdbc.sql("""
                        select m.group_id, m.symbol, s.name, m.weight, m.metadata::text as metadata
                        from group_memberships m join securities s on s.symbol = m.symbol
                        where m.group_id = any(?::bigint[]) order by m.group_id, m.symbol""")
                .param(byId.keySet().toArray(Long[]::new))
                .query(rs -> {
                    long groupId = rs.getLong("group_id");
                    // only sectors' and industries' memberships carry metadata into the graph: the others' is not parsed
                    GroupType type = byId.get(groupId).type();
                    members.computeIfAbsent(groupId, id -> new ArrayList<>()).add(new GroupSnapshot.Member(
                            rs.getString("symbol"), rs.getString("name"), Weights.normalise(rs.getBigDecimal("weight")),
                            type == GroupType.SECTOR || type == GroupType.INDUSTRY ? Json.readMap(rs.getString("metadata")) : Map.of()));
                });
        byId.forEach((id, group) -> snapshots.put(group.ref(), new GroupSnapshot(group, members.getOrDefault(id, List.of()))));
        return snapshots;
    }

    /** Keys of every group of a type. */
    public List<String> groupKeys(GroupType type) {
        return jdbc.sql("select key from definition_groups where type = ? order by key").param(type.name()).query(String.class).list();
    }

    /** Outbox entries after {@code afterId}, oldest first. */
    public List<CatalogEvent> eventsAfter(long afterId, int limit) {
        return jdbc.sql("select id, load_run_id, group_type, group_key, created_at from catalog_events where id > ? order by id limit ?")
                .params(afterId, limit)
                .query((rs, n) -> new CatalogEvent(rs.getLong("id"), rs.getLong("load_run_id"),
                        new GroupRef(GroupType.valueOf(rs.getString("group_type")), rs.getString("group_key")),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    /** The groups named by outbox entries after {@code afterId}: changes committed but not yet in the graph. */
    public Set<GroupRef> groupsChangedAfter(long afterId) {
        return new HashSet<>(jdbc.sql("select distinct group_type, group_key from catalog_events where id > ?").param(afterId)
                .query((rs, n) -> new GroupRef(GroupType.valueOf(rs.getString(1)), rs.getString(2))).list());
    }

    public long lastEventId() {
        return jdbc.sql("select coalesce(max(id), 0) from catalog_events").query(Long.class).single();
    }

    /** How many outbox entries lie after {@code afterId}, and when the oldest of them was written. */
    public record Backlog(long events, OffsetDateTime oldest) {
    }

    public Backlog backlogAfter(long afterId) {
        return jdbc.sql("select count(*), min(created_at) from catalog_events where id > ?").param(afterId)
                .query((rs, n) -> new Backlog(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).single();
    }

    /**
     * Streams every membership of a group type as (group key, symbol, weight in millionths of a percent), for
     * comparisons with the graph; rows are not held in memory.
     */
    public void forEachMembership(GroupType type, MembershipVisitor visitor) {
        readOnly.executeWithoutResult(status -> jdbc.sql("""
                        select g.key, m.symbol, round(m.weight * 1000000)::bigint as weight
                        from group_memberships m join definition_groups g on g.id = m.group_id where g.type = ?""")
                .param(type.name())
                .withFetchSize(10_000)
                .query(rs -> {
                    long weight = rs.getLong(3);
                    Long nullableWeight = rs.wasNull() ? null : weight; // ask before reading another column
                    visitor.visit(rs.getString(1), rs.getString(2), nullableWeight);
                }));
    }

    @FunctionalInterface
    public interface MembershipVisitor {
        void visit(String groupKey, String symbol, Long weightMicros);
    }

    /** A group's members with their weight and metadata (a sector's: source, confidence, detail). */
    public record Membership(String symbol, BigDecimal weight, Map<String, Object> metadata) {
    }

    public List<Membership> memberships(GroupRef group) {
        return jdbc.sql("""
                        select m.symbol, m.weight, m.metadata::text from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = ? and g.key = ? order by m.symbol""")
                .params(group.type().name(), group.key())
                .query((rs, n) -> new Membership(rs.getString(1), rs.getBigDecimal(2), Json.readMap(rs.getString(3))))
                .list();
    }

    /** The groups of these types that list any of {@code symbols}. */
    public List<GroupRef> groupsListing(Collection<String> symbols, Set<GroupType> types) {
        return jdbc.sql("""
                        select distinct g.type, g.key from group_memberships m join definition_groups g on g.id = m.group_id
                        where m.symbol = any(?::text[]) and g.type = any(?::text[]) order by g.type, g.key""")
                .params(symbols.toArray(String[]::new), types.stream().map(Enum::name).toArray(String[]::new))
                .query((rs, n) -> new GroupRef(GroupType.valueOf(rs.getString(1)), rs.getString(2))).list();
    }

    public boolean isEmpty() {
        return jdbc.sql("select not exists (select 1 from definition_groups)").query(Boolean.class).single();
    }

    public CatalogStats stats() {
        Map<GroupType, Long> groups = new EnumMap<>(GroupType.class);
        Map<GroupType, Long> memberships = new EnumMap<>(GroupType.class);
        for (GroupType type : GroupType.values()) {
            groups.put(type, 0L);
            memberships.put(type, 0L);
        }
        jdbc.sql("""
                        select g.type, count(distinct g.id) as groups, count(m.symbol) as memberships
                        from definition_groups g left join group_memberships m on m.group_id = g.id
                        group by g.type""")
                .query(rs -> {
                    GroupType type = GroupType.valueOf(rs.getString("type"));
                    groups.put(type, rs.getLong("groups"));
                    memberships.put(type, rs.getLong("memberships"));
                });
        long securities = jdbc.sql("select count(*) from securities").query(Long.class).single();
        return new CatalogStats(groups, memberships, securities);
    }

    /** Groups per type and the largest group of each: one pass over the memberships' primary key. */
    public GroupSizes groupSizes() {
        Map<GroupType, Long> groups = new EnumMap<>(GroupType.class);
        Map<GroupType, Long> largest = new EnumMap<>(GroupType.class);
        jdbc.sql("""
                        select g.type, count(*) as groups, coalesce(max(m.members), 0) as largest
                        from definition_groups g
                        left join (select group_id, count(*) as members from group_memberships group by group_id) m on m.group_id = g.id
                        group by g.type""")
                .query(rs -> {
                    GroupType type = GroupType.valueOf(rs.getString("type"));
                    groups.put(type, rs.getLong("groups"));
                    largest.put(type, rs.getLong("largest"));
                });
        return new GroupSizes(groups, largest);
    }
}
