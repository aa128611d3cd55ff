// One batch of an ETF's holdings (UNWIND, as the Neo4j ingestion guide recommends).
MATCH (e:ETF {symbol: $key})
UNWIND $rows AS row
MERGE (s:Security {symbol: row.symbol})
SET s:Stock, s.name = coalesce(row.name, s.name)
CREATE (e)-[h:HOLDS]->(s)
SET h += row.props
