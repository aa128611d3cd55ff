package io.relationships.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.relationships.support.Json;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stages what a run's files say into temporary tables ({@code stage_groups}, {@code stage_memberships},
 * {@code stage_securities}, {@code stage_removals}), streamed with PostgreSQL COPY one group at a time, in the
 * run's transaction.
 */
final class CopyStager implements CatalogStager {

    private final JdbcClient jdbc;
    private final Connection connection;
    private final Set<GroupRef> staged = new HashSet<>();
    private final Map<String, StagedSecurity> securities = new LinkedHashMap<>();
    private boolean securitiesStaged;
    /** The tables are made when the first row is staged: a run whose files are all unchanged makes none. */
    private boolean tablesMade;

    private CopyStager(JdbcClient jdbc, Connection connection) {
        this.jdbc = jdbc;
        this.connection = connection;
    }

    /** A stager that fills the run's staging tables (made on first use, dropped at commit) over {@code connection}. */
    static CopyStager open(JdbcClient jdbc, Connection connection) {
        return new CopyStager(jdbc, connection);
    }

    /** A stager for the next round of the same run: the tables emptied. */
    CopyStager nextRound() {
        if (tablesMade) {
            jdbc.sql("truncate stage_groups, stage_memberships, stage_securities, stage_removals").update();
        }
        staged.clear();
        securitiesStaged = false;
        return this;
    }

    @Override
    public void group(StagedGroup group, Collection<StagedMembership> members) {
        if (!staged.add(new GroupRef(group.type(), group.key()))) {
            throw new IllegalArgumentException("Group " + group.type() + ":" + group.key() + " staged twice in one run");
        }
        tables();
        jdbc.sql("insert into stage_groups (group_type, group_key, name, description, source, metadata) values (?, ?, ?, ?, ?, ?::jsonb)")
                .params(group.type().name(), group.key(), group.name(), group.description(), group.source(), Json.write(group.metadata()))
                .update();
        StringBuilder rows = new StringBuilder(members.size() * 64);
        for (StagedMembership member : members) {
            csv(rows, group.type().name()).append(',');
            csv(rows, group.key()).append(',');
            csv(rows, member.symbol()).append(',');
            csv(rows, member.weight()).append(',');
            csv(rows, Json.write(member.metadata())).append('\n');
        }
        copy("copy stage_memberships (group_type, group_key, symbol, weight, metadata) from stdin with (format csv)", rows);
    }

    @Override
    public void remove(GroupRef group) {
        if (!staged.add(group)) {
            throw new IllegalArgumentException("Group " + group + " staged twice in one run");
        }
        tables();
        jdbc.sql("insert into stage_removals (group_type, group_key) values (?, ?)").params(group.type().name(), group.key()).update();
    }

    @Override
    public void security(StagedSecurity security) {
        securities.merge(security.symbol(), security, StagedSecurity::merge);
    }

    /** Whether this round staged nothing at all: no group, removal or security. */
    boolean isEmpty() {
        return staged.isEmpty() && !securitiesStaged && securities.isEmpty();
    }

    /** Sends the securities collected so far (they are merged per symbol until then). */
    void flushSecurities() {
        if (securities.isEmpty()) {
            return;
        }
        securitiesStaged = true;
        tables();
        StringBuilder rows = new StringBuilder(securities.size() * 48);
        for (StagedSecurity s : securities.values()) {
            csv(rows, s.symbol()).append(',');
            csv(rows, s.name()).append(',');
            csv(rows, s.assetType()).append(',');
            csv(rows, s.exchange()).append(',');
            csv(rows, s.marketCap()).append(',');
            csv(rows, s.cusip()).append(',');
            csv(rows, s.isin()).append('\n');
        }
        copy("copy stage_securities (symbol, name, asset_type, exchange, market_cap, cusip, isin) from stdin with (format csv)", rows);
        securities.clear();
    }

    private void copy(String sql, StringBuilder rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("Staging rows failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** COPY's CSV: null is an empty unquoted field, everything else is quoted. */
    private static StringBuilder csv(StringBuilder out, Object value) {
        if (value == null) {
            return out;
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    /** Makes the staging tables if this run has not yet: before the first row, and before a diff reads them. */
    void tables() {
        if (!tablesMade) {
            createTables(jdbc);
            tablesMade = true;
        }
    }

    private static void createTables(JdbcClient jdbc) {
        jdbc.sql("""
                create temp table stage_groups (
                    group_type text not null, group_key text not null, name text not null, description text,
                    source text, metadata jsonb not null, primary key (group_type, group_key)) on commit drop""").update();
        jdbc.sql("""
                create temp table stage_memberships (
                    group_type text not null, group_key text not null, symbol text not null,
                    weight numeric(14, 8), metadata jsonb not null) on commit drop""").update();
        jdbc.sql("""
                create temp table stage_securities (
                    symbol text primary key, name text, asset_type text, exchange text, market_cap numeric(20, 2),
                    cusip text, isin text) on commit drop""").update();
        jdbc.sql("create temp table stage_removals (group_type text not null, group_key text not null) on commit drop").update();
    }
}
