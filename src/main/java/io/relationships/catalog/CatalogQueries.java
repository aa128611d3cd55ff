package io.relationships.catalog;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read access to the catalog for the other capabilities. */
@Service
public class CatalogQueries {

    private final JdbcClient jdbc;

    CatalogQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Checksum of the file each group of {@code type} was last loaded from, to the group's key. */
    public Map<String, String> checksums(GroupType type) {
        Map<String, String> checksums = new java.util.HashMap<>();
        jdbc.sql("select key, metadata ->> 'checksum' as checksum from definition_groups where type = ? and metadata ->> 'checksum' is not null")
                .param(type.name())
                .query(rs -> {
                    checksums.put(rs.getString("checksum"), rs.getString("key"));
                });
        return checksums;
    }

    public java.util.Optional<GroupRecord> group(GroupType type, String key) {
        return jdbc.sql("""
                        select g.id, g.type, g.key, g.name, g.description, g.source, g.metadata::text as metadata, g.last_updated,
                               (select count(*) from group_memberships m where m.group_id = g.id) as members
                        from definition_groups g where g.type = ? and g.key = ?""")
                .params(type.name(), key)
                .query((rs, n) -> new GroupRecord(rs.getLong("id"), GroupType.valueOf(rs.getString("type")), rs.getString("key"),
                        rs.getString("name"), rs.getString("description"), rs.getString("source"), Json.readMap(rs.getString("metadata")),
                        rs.getObject("last_updated", java.time.OffsetDateTime.class), rs.getInt("members")))
                .optional();
    }

    /** Current members of a group, symbol to weight (null where the group has no weights). */
    public Map<String, java.math.BigDecimal> members(GroupRef group) {
        Map<String, java.math.BigDecimal> members = new java.util.TreeMap<>();
        jdbc.sql("""
                        select m.symbol, m.weight from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = ? and g.key = ?""")
                .params(group.type().name(), group.key())
                .query(rs -> {
                    java.math.BigDecimal weight = rs.getBigDecimal(2);
                    members.put(rs.getString(1), Weights.normalise(weight));
                });
        return members;
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
}
