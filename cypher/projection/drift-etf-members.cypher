// Every ETF holding, for the drift check (weights in millionths of a percent, as PostgreSQL's side computes them).
MATCH (g:ETF)-[r:HOLDS]->(s)
RETURN g.symbol AS key, s.symbol AS symbol,
       CASE WHEN r.weight IS NULL THEN null ELSE toInteger(round(r.weight * 1000000)) END AS weight
