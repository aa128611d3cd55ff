// Removes an ETF's holdings; returns who they were, for the orphan clean-up.
MATCH (e:ETF {symbol: $key})-[r:HOLDS]->(s)
DELETE r
RETURN collect(s.symbol) AS previous
