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
