// One batch of an ETF's holdings (UNWIND, as the Neo4j ingestion guide recommends). Returns the held funds whose
// node this renamed (a fund held by another fund is one node, and its own row reads that name).
MATCH (e:ETF {symbol: $key})
UNWIND $rows AS row
MERGE (s:Security {symbol: row.symbol})
WITH e, row, s, s:ETF AND coalesce(row.name, s.name) <> s.name AS renamedFund
SET s:Stock, s.name = coalesce(row.name, s.name)
CREATE (e)-[h:HOLDS]->(s)
SET h += row.props
WITH s, renamedFund
WHERE renamedFund
RETURN DISTINCT s.symbol AS fund
