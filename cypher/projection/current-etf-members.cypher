// What the graph holds for these ETFs now, one row per holding: the projection writes only the difference.
UNWIND $keys AS key
MATCH (e:ETF {symbol: key})-[r:HOLDS]->(s)
RETURN key, elementId(r) AS rel, s.symbol AS symbol, s.name AS name, properties(r) AS props
