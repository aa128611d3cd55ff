package io.relationships.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the catalog knows of securities themselves, beyond their relationships: name, market cap, exchange and identifiers,
 * as the loaders keep them (the newest market cap, the first exchange and identifiers a file gave). They are read
 * here, from PostgreSQL, not from the graph: a load that changes only a security's figures changes no group, so the
 * graph sync would never carry them.
 */
@Service
public class SecurityFacts {

    public record Facts(String symbol, String name, BigDecimal marketCap, String exchange, String cusip, String isin) {
    }

    private final JdbcClient jdbc;

    SecurityFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The facts of the known securities among {@code symbols} (also of those no group lists any more), in one query. */
    public Map<String, Facts> of(Collection<String> symbols) {
        Map<String, Facts> facts = new HashMap<>();
        if (symbols.isEmpty()) {
            return facts;
        }
        jdbc.sql("select symbol, name, market_cap, exchange, cusip, isin from securities where symbol = any(?)")
                .param(symbols.toArray(String[]::new))
                .query(rs -> {
                    facts.put(rs.getString(1), new Facts(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                });
        return facts;
    }

    /** The symbols listed on an exchange, as the files name it (case-insensitive). */
    public Set<String> listedOn(String exchange) {
        return new HashSet<>(jdbc.sql("select symbol from securities where lower(exchange) = lower(?)")
                .param(exchange.strip()).query(String.class).list());
    }
}
