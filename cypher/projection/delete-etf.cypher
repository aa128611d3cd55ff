// The ETF is gone from the catalog: its holdings go, and so does its :ETF label (the node stays while it is held).
MATCH (e:ETF {symbol: $key})
OPTIONAL MATCH (e)-[r:HOLDS]->(s)
DELETE r
WITH e, collect(s.symbol) AS previous
REMOVE e:ETF
REMOVE e.issuer, e.asOf, e.holdingsCount
RETURN previous + [e.symbol] AS previous
