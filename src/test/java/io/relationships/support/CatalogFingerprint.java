package io.relationships.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A digest of everything the catalog holds (groups with their metadata, memberships, securities), for tests
 * that claim "the catalog is byte-for-byte as it was".
 */
public final class CatalogFingerprint {

    private CatalogFingerprint() {
    }

    public static String of(JdbcClient jdbc) {
        return jdbc.sql("""
                select md5(
                  coalesce((select string_agg(concat_ws('|', id, type, key, name, description, source, metadata::text, last_updated), E'\\n'
                                             order by type, key) from definition_groups), '') ||
                  coalesce((select string_agg(concat_ws('|', group_id, symbol, weight, metadata::text), E'\\n'
                                             order by group_id, symbol) from group_memberships), '') ||
                  coalesce((select string_agg(concat_ws('|', symbol, name, asset_type, exchange, market_cap, cusip, isin, updated_at), E'\\n'
                                             order by symbol) from securities), ''))""")
                .query(String.class).single();
    }
}
