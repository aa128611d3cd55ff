package io.relationships.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The relationship validation that runs after every applied run (stored with the run, shown as
 * {@code LoadRun.validation}).
 *
 * @param scope                  what was checked
 * @param emptyGroups            groups the run left without members
 * @param emptyGroupSample       up to 50 of them, as {@code TYPE:key}
 * @param orphanMemberships      memberships the run wrote for symbols the securities table does not know
 * @param unreferencedSecurities securities the run left without any membership
 * @param passed                 no empty group and no orphan membership
 * @param skipped                why nothing was checked (a dry run applies nothing); null when checked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostRunValidation(String scope, Integer emptyGroups, List<String> emptyGroupSample, Long orphanMemberships,
                                Long unreferencedSecurities, Boolean passed, String skipped) {

    private static final String SCOPE = "groups and memberships this run changed";

    /** What {@link #of} finds for a run that changed nothing, without asking. */
    static PostRunValidation ofNothingChanged() {
        return new PostRunValidation(SCOPE, 0, List.of(), 0L, 0L, true, null);
    }

    /** A dry run applied nothing, so there is nothing to check. */
    static PostRunValidation skippedForDryRun() {
        return new PostRunValidation(null, null, null, null, null, null, "dry run: nothing was applied");
    }

    /**
     * The relationship validation that runs after every applied run, on what the run touched (so that its cost
     * grows with the change, not with the catalog; the quality report covers the whole catalog): groups it left
     * without members, memberships it wrote for symbols the securities table does not know, securities it left
     * without any membership.
     */
    static PostRunValidation of(JdbcClient jdbc, long runId) {
        List<String> emptyGroups = jdbc.sql("""
                        select g.type || ':' || g.key from definition_groups g
                        join group_changes c on c.group_type = g.type and c.group_key = g.key and c.load_run_id = ?
                        where not exists (select 1 from group_memberships m where m.group_id = g.id)
                        order by 1 limit 50""")
                .param(runId).query(String.class).list();
        long orphanMemberships = jdbc.sql("""
                        select count(*) from membership_changes c
                        where c.load_run_id = ? and c.change <> 'REMOVED'
                          and not exists (select 1 from securities s where s.symbol = c.symbol)""")
                .param(runId).query(Long.class).single();
        long unreferencedSecurities = jdbc.sql("""
                        select count(distinct c.symbol) from membership_changes c
                        where c.load_run_id = ? and c.change = 'REMOVED'
                          and not exists (select 1 from group_memberships m where m.symbol = c.symbol)
                          and not exists (select 1 from definition_groups g where g.type = 'ETF' and g.key = c.symbol)""")
                .param(runId).query(Long.class).single();
        return new PostRunValidation(SCOPE, emptyGroups.size(), emptyGroups, orphanMemberships,
                unreferencedSecurities, emptyGroups.isEmpty() && orphanMemberships == 0, null);
    }
}
