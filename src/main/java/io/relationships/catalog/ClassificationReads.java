package io.relationships.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.relationships.support.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the sector enrichment reads of the catalog: the securities it classifies, the sector text issuer and index
 * files gave them, sector funds' holdings, and the classifications they have now.
 */
@Service
public class ClassificationReads {

    private final JdbcClient jdbc;
    /** PostgreSQL streams a result (fetch size) only inside a transaction. */
    private final TransactionTemplate readOnly;

    ClassificationReads(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** A security the sector enrichment classifies: held, listed or themed, and not itself a fund. */
    public record Classifiable(String symbol, String name) {
    }

    public List<Classifiable> classifiable() {
        return classifiable(null);
    }

    /** As {@link #classifiable()}, among these symbols only (all when null). */
    public List<Classifiable> classifiable(Collection<String> among) {
        String[] symbols = among == null ? null : among.toArray(String[]::new);
        return jdbc.sql("""
                        select s.symbol, s.name from securities s
                        where s.asset_type <> 'ETF' and (?::text[] is null or s.symbol = any(?::text[]))
                          and exists (select 1 from group_memberships m join definition_groups g on g.id = m.group_id
                                      where m.symbol = s.symbol and g.type in ('ETF', 'UNIVERSE', 'THEME'))
                        order by s.symbol""")
                .params(symbols, symbols)
                .query((rs, n) -> new Classifiable(rs.getString(1), rs.getString(2))).list();
    }

    /** The sector (and industry) text issuer and index files gave a membership, as the loaders kept it. */
    @FunctionalInterface
    public interface IssuerSectorVisitor {
        void visit(String symbol, String sector, String industry, GroupRef group);
    }

    public void forEachIssuerSector(IssuerSectorVisitor visitor) {
        forEachIssuerSector(null, visitor);
    }

    /** As {@link #forEachIssuerSector(IssuerSectorVisitor)}, for these symbols only (all when null). */
    public void forEachIssuerSector(Collection<String> symbols, IssuerSectorVisitor visitor) {
        readOnly.executeWithoutResult(status -> jdbc.sql("""
                        select m.symbol, m.metadata ->> 'sector', m.metadata ->> 'industry', g.type, g.key
                        from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type in ('ETF', 'UNIVERSE') and (m.metadata ->> 'sector' is not null or m.metadata ->> 'industry' is not null)
                          and (?::text[] is null or m.symbol = any(?::text[]))""")
                .params(symbols == null ? null : symbols.toArray(String[]::new), symbols == null ? null : symbols.toArray(String[]::new))
                .withFetchSize(10_000)
                .query(rs -> {
                    visitor.visit(rs.getString(1), rs.getString(2), rs.getString(3),
                            new GroupRef(GroupType.valueOf(rs.getString(4)), rs.getString(5)));
                }));
    }

    /** A fund's holding of a symbol. */
    public record FundHolding(String fund, String symbol, BigDecimal weight) {
    }

    public List<FundHolding> holdingsOf(Collection<String> funds) {
        if (funds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select g.key, m.symbol, m.weight from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = 'ETF' and g.key = any(?)""")
                .param(funds.toArray(String[]::new))
                .query((rs, n) -> new FundHolding(rs.getString(1), rs.getString(2), Weights.normalise(rs.getBigDecimal(3)))).list();
    }

    /** A security's current membership of a group type, with the membership's details (source, confidence). */
    public record Classification(String symbol, String key, Map<String, Object> metadata) {
    }

    public Map<String, Classification> classifications(GroupType type) {
        Map<String, Classification> result = new HashMap<>();
        jdbc.sql("""
                        select m.symbol, g.key, m.metadata::text from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = ?""")
                .param(type.name())
                .query(rs -> {
                    result.put(rs.getString(1), new Classification(rs.getString(1), rs.getString(2), Json.readMap(rs.getString(3))));
                });
        return result;
    }

    /** How many securities have a membership of a group type (what {@link #classifications} would hold, counted). */
    public long classified(GroupType type) {
        return jdbc.sql("""
                        select count(distinct m.symbol) from group_memberships m join definition_groups g on g.id = m.group_id
                        where g.type = ?""")
                .param(type.name()).query(Long.class).single();
    }
}
