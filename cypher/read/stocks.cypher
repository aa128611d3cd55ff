// Stocks by symbol with everything a stock query asks for, in one round trip per batch of symbols.
UNWIND $symbols AS symbol
MATCH (s:Stock {symbol: symbol})
CALL (s) {
    OPTIONAL MATCH (s)-[c:IN_SECTOR]->(sector:Sector)
    RETURN sector.key AS sector, c.source AS sectorSource, c.confidence AS sectorConfidence LIMIT 1
}
CALL (s) {
    OPTIONAL MATCH (s)-[:IN_INDUSTRY]->(industry:Industry)
    RETURN industry.key AS industry LIMIT 1
}
CALL (s) {
    OPTIONAL MATCH (e:ETF)-[h:HOLDS]->(s)
    RETURN collect({symbol: e.symbol, weight: h.weight, shares: h.shares, marketValue: h.marketValue}) AS etfs
}
CALL (s) {
    OPTIONAL MATCH (s)-[:IN_THEME]->(t:Theme)
    RETURN collect(t.key) AS themes
}
CALL (s) {
    OPTIONAL MATCH (s)-[m:MEMBER_OF]->(u:Universe)
    RETURN collect({symbol: u.key, weight: m.weight}) AS universes
}
RETURN s.symbol AS symbol, s.name AS name, sector, sectorSource, sectorConfidence, industry, etfs, themes, universes
