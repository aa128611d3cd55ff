package io.relationships.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first load into an empty catalog inserts millions of memberships at once. With {@code group_memberships}'
 * primary key, symbol index and foreign key in place each row costs two b-tree insertions and a trigger (1M rows:
 * 11.7 s on a scratch PostgreSQL 15 under load); inserted bare, with the indexes built and the key checked after,
 * 3.8 s. So only then — the table empty, at least {@link #MIN_ROWS} additions — the insert goes bare, in the run's
 * transaction: a failure restores the indexes and key with everything else, and until the run commits the table
 * is held exclusively, so a reader waits for the first data rather than reading none.
 */
final class BulkMemberships {

    static final int MIN_ROWS = 100_000;

    private BulkMemberships() {
    }

    /** Whether the additions logged under the run after {@code fromChange} go into an empty table and are many. */
    static boolean applies(JdbcClient jdbc, long runId, long fromChange, String change) {
        return jdbc.sql("""
                        select not exists (select 1 from group_memberships)
                           and (select count(*) from (select 1 from membership_changes
                                                      where load_run_id = ? and id > ? and change = ? limit ?) c) >= ?""")
                .params(runId, fromChange, change, MIN_ROWS, MIN_ROWS).query(Boolean.class).single();
    }

    /** Runs {@code insert} with the table's indexes and foreign key dropped, then puts them back as V1 made them. */
    static void insert(JdbcClient jdbc, Runnable insert) {
        jdbc.sql("alter table group_memberships drop constraint group_memberships_group_id_fkey, drop constraint group_memberships_pkey")
                .update();
        jdbc.sql("drop index group_memberships_symbol").update();
        insert.run();
        jdbc.sql("alter table group_memberships add constraint group_memberships_pkey primary key (group_id, symbol)").update();
        jdbc.sql("create index group_memberships_symbol on group_memberships (symbol, group_id)").update();
        jdbc.sql("""
                alter table group_memberships add constraint group_memberships_group_id_fkey
                    foreign key (group_id) references definition_groups (id) on delete cascade""").update();
        jdbc.sql("analyze group_memberships").update();
    }
}
