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
