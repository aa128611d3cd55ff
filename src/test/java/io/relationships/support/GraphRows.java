package io.relationships.support;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/** What the graph holds, read straight from Neo4j: for tests of what the sync projected. */
public final class GraphRows {

    private final Driver neo4j;

    public GraphRows(Driver neo4j) {
        this.neo4j = neo4j;
    }

    public List<Record> rows(String query, Map<String, Object> parameters) {
        try (Session session = neo4j.session()) {
            return session.executeRead(tx -> tx.run(query, parameters).list());
        }
    }

    /** The single value of a query that returns one row and one column. */
    public Value value(String query) {
        return rows(query, Map.of()).get(0).get(0);
    }

    public long count(String query) {
        return value(query).asLong();
    }

    /** The weight of the holding of {@code stock} by {@code etf}. */
    public double weight(String etf, String stock) {
        return rows("MATCH (:ETF {symbol: $etf})-[h:HOLDS]->(:Stock {symbol: $stock}) RETURN h.weight AS w",
                Map.of("etf", etf, "stock", stock)).get(0).get("w").asDouble();
    }
}
