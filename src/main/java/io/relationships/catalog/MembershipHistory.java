package io.relationships.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.relationships.support.IdWindow;
import io.relationships.support.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What groups held on a day and what changed in them, from the change log, dated the way people date holdings: a file
 * as of day D says what the fund held on D. So the state of a group on D is the catalog as the last file dated on or
 * before D left it (of files with the same date, the one loaded last); a file without a date counts as of the day it
 * was loaded. Loads that were rolled back do not count (their rollback restores a state of its own date). The time of
 * loading is the second axis: {@code knownAt} keeps to the loads committed by then, so a question can be asked as the
 * catalog would have answered it at that moment.
 *
 * <p>A state is rebuilt from today's memberships with every change of the runs after it undone (the first such change
 * of a symbol holds what it was). Runs that touched a group are found in {@code group_changes} (indexed by group);
 * their lines in {@code membership_changes} by run (BRIN).
 */
@Service
public class MembershipHistory {

    /** A membership as it was: of group {@code group}, a symbol with its weight and, for a holding, shares and market value. */
    public record PastMembership(String group, String symbol, BigDecimal weight, BigDecimal shares, BigDecimal marketValue) {
    }

    /** The as-of date of a group change: its file's (the new row's metadata), else the day it was loaded. */
    private static final String AS_OF = "coalesce(cast(c.new_row -> 'metadata' ->> 'asOf' as date), cast(c.changed_at at time zone 'UTC' as date))";

    /** Per group of a type (or the one named), the run whose state stood on {@code :date}, and whether it deleted the group. */
    private static final String STATES = """
            states as (
                select distinct on (c.group_key) c.group_key, c.load_run_id as cut, c.change = 'DELETED' as gone
                from group_changes c join load_runs r on r.id = c.load_run_id
                where c.group_type = :type and (cast(:key as text) is null or c.group_key = :key) and c.applied
                  and r.status <> 'ROLLED_BACK' and (cast(:knownAt as timestamptz) is null or r.finished_at <= :knownAt)
                  and %1$s <= :date
                order by c.group_key, %1$s desc, c.id desc)""".formatted(AS_OF);

    private final JdbcClient jdbc;

    MembershipHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@code group} held on {@code date} (as the catalog knew it at {@code knownAt}, when given); empty before its first file. */
    public List<PastMembership> membersAsOf(GroupRef group, LocalDate date, OffsetDateTime knownAt) {
        return jdbc.sql("with " + STATES + """
                        ,
                        later as (
                            select distinct on (c.symbol) c.symbol, c.change, c.old_weight, c.old_metadata
                            from membership_changes c cross join states s
                            where c.load_run_id in (select g.load_run_id from group_changes g
                                                    where g.group_type = :type and g.group_key = :key and g.applied and g.load_run_id > s.cut)
                              and c.group_type = :type and c.group_key = :key and c.applied
                            order by c.symbol, c.id)
                        select g.key as grp, m.symbol, m.weight, m.metadata::text as metadata from group_memberships m
                        join definition_groups g on g.id = m.group_id and g.type = :type and g.key = :key
                        cross join states s
                        where not s.gone and not exists (select 1 from later l where l.symbol = m.symbol)
                        union all
                        select :key, l.symbol, l.old_weight, l.old_metadata::text from later l cross join states s
                        where not s.gone and l.change <> 'ADDED'""")
                .param("type", group.type().name()).param("key", group.key()).param("date", date).param("knownAt", knownAt)
                .query((rs, n) -> membership(rs.getString("grp"), rs.getString("symbol"), rs.getBigDecimal("weight"), rs.getString("metadata")))
                .list();
    }

    /** The groups of a type that listed {@code symbol} on {@code date} (as known at {@code knownAt}), with its weight in each. */
    public List<PastMembership> groupsListingAsOf(GroupType type, String symbol, LocalDate date, OffsetDateTime knownAt) {
        return jdbc.sql("with " + STATES + """
                        ,
                        later as (
                            select distinct on (c.group_key) c.group_key, c.change, c.old_weight, c.old_metadata
                            from membership_changes c join states s on s.group_key = c.group_key
                            where c.group_type = :type and c.symbol = :symbol and c.applied and c.load_run_id > s.cut
                              and c.load_run_id > (select coalesce(min(cut), 0) from states)
                            order by c.group_key, c.id)
                        select g.key as grp, m.weight, m.metadata::text as metadata from group_memberships m
                        join definition_groups g on g.id = m.group_id and g.type = :type
                        join states s on s.group_key = g.key
                        where m.symbol = :symbol and not s.gone and not exists (select 1 from later l where l.group_key = g.key)
                        union all
                        select l.group_key, l.old_weight, l.old_metadata::text from later l join states s using (group_key)
                        where not s.gone and l.change <> 'ADDED'""")
                .param("type", type.name()).param("key", null).param("symbol", symbol).param("date", date).param("knownAt", knownAt)
                .query((rs, n) -> membership(rs.getString("grp"), symbol, rs.getBigDecimal("weight"), rs.getString("metadata")))
                .list();
    }

    /** The runs that changed a group, each with the as-of date its changes carry (a rollback's: the day it ran). */
    private static final String RUNS = """
            runs as (
                select distinct on (c.load_run_id) c.load_run_id,
                       case when r.kind = 'ROLLBACK' then cast(c.changed_at at time zone 'UTC' as date) else %s end as as_of
                from group_changes c join load_runs r on r.id = c.load_run_id
                where c.group_type = :type and c.group_key = :key and c.applied
                order by c.load_run_id, c.id)""".formatted(AS_OF);

    /** A page of a group's applied changes from files dated on or after {@code since} (all when null), newest first. */
    public List<MembershipChange> changes(GroupRef group, LocalDate since, IdWindow window) {
        return window.inListOrder(window.bind(jdbc.sql("with " + RUNS + """
                        select c.id, c.load_run_id, c.group_type, c.group_key, c.symbol, c.change, c.old_weight, c.new_weight,
                               c.changed_at, runs.as_of
                        from membership_changes c join runs using (load_run_id)
                        where c.group_type = :type and c.group_key = :key and c.applied
                          and (cast(:since as date) is null or runs.as_of >= :since)""" + window.sql("c.id", true)))
                .param("type", group.type().name()).param("key", group.key()).param("since", since)
                .query((rs, n) -> CatalogHistory.change(rs, true)).list());
    }

    /** How many changes {@link #changes} pages through. */
    public int countChanges(GroupRef group, LocalDate since) {
        return jdbc.sql("with " + RUNS + """
                        select count(*) from membership_changes c join runs using (load_run_id)
                        where c.group_type = :type and c.group_key = :key and c.applied
                          and (cast(:since as date) is null or runs.as_of >= :since)""")
                .param("type", group.type().name()).param("key", group.key()).param("since", since)
                .query(Integer.class).single();
    }

    private static PastMembership membership(String group, String symbol, BigDecimal weight, String metadata) {
        Map<String, Object> details = metadata == null ? Map.of() : Json.readMap(metadata);
        return new PastMembership(group, symbol, Weights.normalise(weight), number(details.get("shares")), number(details.get("marketValue")));
    }

    /** Shares and market values are kept as the file wrote them (text). */
    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
