// ETFs by symbol with all their holdings, in one round trip per batch.
UNWIND $keys AS key
MATCH (e:ETF {symbol: key})
CALL (e) {
    OPTIONAL MATCH (e)-[h:HOLDS]->(s)
    RETURN collect({symbol: s.symbol, weight: h.weight, shares: h.shares, marketValue: h.marketValue}) AS members
}
RETURN e.symbol AS key, e.name AS name, e.issuer AS issuer, e.asOf AS asOf, e.lastUpdated AS lastUpdated, members
